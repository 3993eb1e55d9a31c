package dev.beampipe.model.config.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.CanonicalJson;
import dev.beampipe.model.config.model.Graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolves a config's {@code graph} (30-project-config §2.6, §3.11): {@code url} first, else {@code path}
 * (relative paths against {@code baseDir}: {@code $BEAMPIPE_HOME} when set, else the working directory);
 * at most 16 MiB; the SHA-256 of the bytes is checked before the JSON is parsed.
 */
public final class GraphSource {
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Pattern HEX64 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path baseDir;
    private final HttpClient http;

    public GraphSource(Path baseDir) {
        this.baseDir = baseDir;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** {@code $BEAMPIPE_HOME} when set and non-empty, else the working directory. */
    public static Path defaultBaseDir() {
        String home = System.getenv("BEAMPIPE_HOME");
        return home == null || home.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    public LoadedGraph load(Graph graph) {
        if (graph == null) {
            throw new GraphLoadException("graph", "graph_missing", "project config has no graph.url or graph.path");
        }
        byte[] bytes;
        String source;
        String keyPath;
        if (graph.url() != null && !graph.url().isBlank()) {
            source = graph.url();
            keyPath = "graph.url";
            bytes = fetch(graph.url());
        } else if (graph.path() != null && !graph.path().isBlank()) {
            Path file = baseDir.resolve(graph.path()).normalize();
            source = file.toString();
            keyPath = "graph.path";
            bytes = read(file);
        } else {
            throw new GraphLoadException("graph", "graph_missing", "graph must specify url or path");
        }
        String expected = graph.sha256();
        if (expected == null || !HEX64.matcher(expected).matches()) {
            throw new GraphLoadException("graph.sha256", "invalid_sha256", "graph.sha256 must contain exactly 64 hexadecimal characters");
        }
        String actual = dev.beampipe.model.canonical.Sha256.hex(bytes);
        if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
            throw new GraphLoadException("graph.sha256", "graph_sha256_mismatch",
                    "graph SHA-256 mismatch: expected " + expected.toLowerCase(Locale.ROOT) + ", got " + actual);
        }
        try {
            return new LoadedGraph(bytes, actual, source, JSON.readTree(bytes));
        } catch (IOException e) {
            throw new GraphLoadException(keyPath, "graph_invalid_json", "graph contains invalid JSON: " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new GraphLoadException("graph.path", "graph_unavailable", "graph file not found: " + file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge("graph.path");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GraphLoadException("graph.path", "graph_unavailable", "graph file cannot be read: " + file + ": " + e.getMessage());
        }
    }

    private byte[] fetch(String url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() > 299) {
                    throw new GraphLoadException("graph.url", "graph_unavailable", "graph fetch failed: HTTP " + response.statusCode());
                }
                long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
                if (declared > MAX_BYTES) {
                    throw tooLarge("graph.url");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    if (out.size() > MAX_BYTES) {
                        throw tooLarge("graph.url");
                    }
                }
                return out.toByteArray();
            }
        } catch (IllegalArgumentException e) {
            throw new GraphLoadException("graph.url", "graph_unavailable", "graph.url is not a valid URL: " + e.getMessage());
        } catch (IOException e) {
            throw new GraphLoadException("graph.url", "graph_unavailable", "graph fetch failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphLoadException("graph.url", "graph_unavailable", "graph fetch interrupted");
        }
    }

    private static GraphLoadException tooLarge(String path) {
        return new GraphLoadException(path, "graph_too_large", "graph exceeds the maximum size of " + MAX_BYTES + " bytes");
    }
}
