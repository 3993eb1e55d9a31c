package dev.beampipe.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One HTTP exchange of a simulator: the request is read in full (and journalled) before any handler runs, so
 * a fault that drops the connection can still apply the request first.
 */
public final class SimExchange {

    private final HttpExchange ex;
    private final RecordedRequest request;
    private boolean responded;

    SimExchange(HttpExchange ex, Instant now) throws IOException {
        this.ex = ex;
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        this.request = new RecordedRequest(now, ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestURI().getRawQuery(), headers, body);
    }

    public RecordedRequest request() {
        return request;
    }

    public String method() {
        return request.method();
    }

    public String path() {
        return request.path();
    }

    public String header(String name) {
        return request.header(name);
    }

    /** Query-string parameters (names as sent; the last value wins). */
    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        parseUrlEncoded(out, request.rawQuery());
        return out;
    }

    /** The body, gunzipped when {@code Content-Encoding: gzip}. */
    public byte[] body() throws IOException {
        String encoding = header("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
                return in.readAllBytes();
            }
        }
        return request.body();
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * Form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body; names as
     * sent. Null values never occur: a field is either absent or a string.
     */
    public Map<String, String> form() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String type = header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            Multipart.parse(type, body(), out);
        } else {
            parseUrlEncoded(out, bodyText());
        }
        return out;
    }

    public static void parseUrlEncoded(Map<String, String> out, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
    }

    public boolean responded() {
        return responded;
    }

    public void send(int status, String contentType, String body) throws IOException {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public void send(int status, String contentType, byte[] bytes) throws IOException {
        responded = true;
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = "HEAD".equalsIgnoreCase(method());
        ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public void sendJson(int status, Object value, Json.Style style) throws IOException {
        send(status, "application/json", Json.write(value, style));
    }

    public void header(String name, String value) {
        ex.getResponseHeaders().set(name, value);
    }

    /** Closes the connection without sending a status line: the client sees a reset / EOF. */
    public void dropConnection() {
        responded = true;
        ex.close();
    }

    void close() {
        ex.close();
    }
}
