package dev.beampipe.simulators.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One request as it arrived (§10.1 request journal): method, path, raw query, headers, raw body bytes. */
public record RecordedRequest(Instant at, String method, String path, String rawQuery,
                              Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header (names case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The raw body as UTF-8 text (as sent, so still gzip bytes when the client compressed it). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
