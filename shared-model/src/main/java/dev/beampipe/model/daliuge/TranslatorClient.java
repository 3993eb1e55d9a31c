package dev.beampipe.model.daliuge;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DALiuGE Translator Manager client (40-backends §2.5–§2.8): REST translation is
 * {@code POST /unroll_and_partition} then {@code POST /map}, both form-encoded; the mapped graph is
 * normalized for the DIM and its roots computed. One timeout for every call (120 s by default), no retries.
 */
public final class TranslatorClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(5);
    public static final String WORKER_DEFAULT_URL = "http://localhost:9000";

    private final String base;
    private final Duration timeout;
    private final DaliugeHttp http;

    public TranslatorClient(String tmUrl, boolean verifySsl) {
        this(tmUrl, verifySsl, DEFAULT_TIMEOUT);
    }

    public TranslatorClient(String tmUrl, boolean verifySsl, Duration timeout) {
        this.base = baseUrl(tmUrl);
        this.timeout = timeout;
        this.http = new DaliugeHttp(DaliugeComponent.TRANSLATOR, verifySsl, timeout);
    }

    /** The profile's {@code translation.tm_url} without trailing slashes; the worker's fallback when absent. */
    public static String baseUrl(String tmUrl) {
        String url = tmUrl == null || tmUrl.isBlank() ? WORKER_DEFAULT_URL : tmUrl.strip();
        return url.replaceAll("/+$", "");
    }

    public String base() {
        return base;
    }

    /** The request timeout; the connect timeout is the same value, at most 10 s. */
    public Duration timeout() {
        return timeout;
    }

    /** Both calls, then normalization and roots: the REST deployment path (§2.6). */
    public PhysicalGraph translate(JsonNode logicalGraph, Translation translation, RestRemoteDeployment deployment)
            throws DaliugeException, InterruptedException {
        ArrayNode pgt = unrollAndPartition(logicalGraph, translation);
        ArrayNode mapped = map(pgt, deployment.tmDimHost(), deployment.tmDimPort(), translation.islandsForTm());
        return PhysicalGraph.of(mapped);
    }

    /** {@code /unroll_and_partition}: the partitioned PGT (drops + trailing reprodata). */
    public ArrayNode unrollAndPartition(JsonNode logicalGraph, Translation translation)
            throws DaliugeException, InterruptedException {
        return postForArray(DaliugeOperation.UNROLL_AND_PARTITION, "/unroll_and_partition",
                unrollForm(logicalGraph, translation), "expected a physical graph template array");
    }

    /** The {@code /unroll_and_partition} form fields, in the order they are sent. */
    public static Map<String, String> unrollForm(JsonNode logicalGraph, Translation translation) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("lg_content", StableJson.write(logicalGraph));
        form.put("num_partitions", Long.toString(translation.numPartitions()));
        form.put("num_islands", Long.toString(translation.islandsForTm()));
        form.put("algorithm", translation.algo() == null ? "metis" : translation.algo());
        return form;
    }

    /** The {@code /map} form fields, in the order they are sent. */
    public static Map<String, String> mapForm(ArrayNode pgt, String dimHost, long dimPort, long numIslands) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("pgt_content", StableJson.write(pgt));
        form.put("host", dimHost);
        form.put("port", Long.toString(dimPort));
        form.put("num_islands", Long.toString(Math.max(numIslands, 1)));
        form.put("co_host_dim", "true");
        return form;
    }

    /** The {@code application/x-www-form-urlencoded} body of a form, as sent. */
    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** {@code /map}: the TM asks the DIM at {@code dimHost:dimPort} for its nodes and assigns them. */
    public ArrayNode map(ArrayNode pgt, String dimHost, long dimPort, long numIslands)
            throws DaliugeException, InterruptedException {
        URI url = URI.create(base + "/map");
        if (dimHost == null || dimHost.isBlank() || dimPort < 1 || dimPort > 65535) {
            throw http.compatibility(DaliugeOperation.MAP, url,
                    "updated DALiuGE mapping requires a valid DIM host and port");
        }
        return postForArray(DaliugeOperation.MAP, "/map", mapForm(pgt, dimHost, dimPort, numIslands),
                "expected a mapped physical graph array");
    }

    /**
     * {@code GET /api/submission_method}, asking the TM about the manager at {@code dimHost:dimPort} when both
     * are given (§2.8).
     */
    public TranslatorInspection inspect(String dimHost, Long dimPort) throws DaliugeException, InterruptedException {
        String query = dimHost != null && !dimHost.isBlank() && dimPort != null
                ? "?dlg_mgr_host=" + enc(dimHost) + "&dlg_mgr_port=" + dimPort : "";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/submission_method" + query))
                .timeout(timeout).GET().build();
        JsonNode body = http.sendJson(DaliugeOperation.INSPECT, request);
        List<String> methods = new ArrayList<>();
        body.path("methods").forEach(m -> methods.add(m.asText()));
        return new TranslatorInspection(base, methods);
    }

    /**
     * Execute preflight: {@code GET {tm}} with a 5 s timeout; any HTTP response, whatever its status, means
     * reachable. Throws only on a transport failure.
     */
    public void ping() throws DaliugeException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base)).timeout(PREFLIGHT_TIMEOUT).GET().build();
        try {
            http.send(DaliugeOperation.PING, request);
        } catch (DaliugeException e) {
            if (e.httpStatus().isEmpty()) {
                throw e;
            }
        }
    }

    private ArrayNode postForArray(DaliugeOperation op, String path, Map<String, String> form, String notArray)
            throws DaliugeException, InterruptedException {
        String body = formBody(form);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        DaliugeHttp.Reply reply = http.send(op, request);
        JsonNode json = http.parse(op, reply);
        if (!json.isArray()) {
            throw http.invalid(op, reply, notArray);
        }
        return (ArrayNode) json;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
