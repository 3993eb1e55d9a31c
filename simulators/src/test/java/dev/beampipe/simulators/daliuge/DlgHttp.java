package dev.beampipe.simulators.daliuge;

import dev.beampipe.simulators.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/** A small real-HTTP client for the DALiuGE simulator tests, shaped like the calls of 40-backends §2.6/§3.8. */
final class DlgHttp {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DlgHttp() {
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(URI base, String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> method(URI base, String method, String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form POST (the TM calls, deploy); throws {@link IOException} when the connection is dropped. */
    static HttpResponse<String> postForm(URI base, String path, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> postJson(URI base, String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> postGzipJson(URI base, String path, String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())));
    }

    static Object json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(HttpResponse<String> r) {
        return (Map<String, Object>) Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(HttpResponse<String> r) {
        return (List<Object>) Json.parse(r.body());
    }

    static String fixture() {
        return read(Path.of("src/test/resources/daliuge/beam-mosaic.graph"));
    }

    /** The reference WALLABY graph, read in place from ../shared/reference (never copied). */
    static Path wallabyGraph() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/reference/config/graphs/wallaby-hires_deploy-setonix-beampipe.graph");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/reference not found above " + Path.of("").toAbsolutePath());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return TranslatorSimulator.form(m);
    }

    /** Drops of a PGT/PG (objects with an oid). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> drops(List<Object> graph) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : graph) {
            if (o instanceof Map<?, ?> m && m.get("oid") instanceof String) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    /** DALiuGE's {@code get_roots()} as the client computes it (§2.6 step 5), sorted. */
    static List<String> roots(List<Map<String, Object>> drops) {
        Set<String> all = new TreeSet<>();
        Set<String> nonRoots = new TreeSet<>();
        for (Map<String, Object> d : drops) {
            all.add((String) d.get("oid"));
            String ct = String.valueOf(d.get("categoryType"));
            if (Set.of("Application", "app", "Socket", "socket").contains(ct)) {
                if (d.containsKey("inputs") || d.containsKey("streamingInputs")) {
                    nonRoots.add((String) d.get("oid"));
                }
                nonRoots.addAll(DropTimeline.oids(d.get("outputs")));
            } else {
                if (d.containsKey("producers")) {
                    nonRoots.add((String) d.get("oid"));
                }
                nonRoots.addAll(DropTimeline.oids(d.get("consumers")));
                nonRoots.addAll(DropTimeline.oids(d.get("streamingConsumers")));
            }
        }
        all.removeAll(nonRoots);
        return new ArrayList<>(all);
    }
}
