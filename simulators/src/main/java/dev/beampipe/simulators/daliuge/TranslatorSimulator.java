package dev.beampipe.simulators.daliuge;

import dev.beampipe.simulators.http.CallFaults;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.FaultControl;
import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.RequestJournal;
import dev.beampipe.simulators.http.SimExchange;
import dev.beampipe.simulators.http.SimHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DALiuGE Translator Manager (FastAPI {@code translator_rest}) as beampipe uses it (40-backends §2, §10.2):
 * {@code HEAD|GET /}, {@code GET /api/submission_method}, {@code POST /unroll_and_partition}, {@code POST /map}.
 * Errors as FastAPI gives them: {@code {"detail": …}} (400/404/500), the pydantic 422 list, and a bare
 * {@code Internal Server Error} text for untrapped failures. Faults and counts per call name
 * ({@code root}, {@code submission_method}, {@code unroll_and_partition}, {@code map}) via {@link #faults()} or
 * {@code /_control/...} (see {@link FaultControl}).
 */
public final class TranslatorSimulator implements AutoCloseable {

    private static final DateTimeFormatter SSID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String JSON = "application/json";

    private final Clock clock;
    private final Path lgDir;
    private final CallFaults faults = new CallFaults();
    private final RequestJournal journal = new RequestJournal();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SimHttpServer server;

    private TranslatorSimulator(int port, Clock clock, Path lgDir) {
        this.clock = clock;
        this.lgDir = lgDir == null ? null : lgDir.toAbsolutePath().normalize();
        this.server = SimHttpServer.start("dlg-tm-simulator", port, clock, journal, this::handle);
    }

    /** Starts on {@code port} (0 = any free port) on 127.0.0.1, with the system UTC clock and no lgdir. */
    public static TranslatorSimulator start(int port) {
        return start(port, Clock.systemUTC(), null);
    }

    /** @param lgDir the {@code --lgdir} that {@code lg_name} resolves in (null = none: every name is unknown) */
    public static TranslatorSimulator start(int port, Clock clock, Path lgDir) {
        return new TranslatorSimulator(port, clock, lgDir);
    }

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public CallFaults faults() {
        return faults;
    }

    public RequestJournal journal() {
        return journal;
    }

    /** How often {@code call} was requested since the last reset. */
    public int count(String call) {
        return faults.count(call);
    }

    public void reset() {
        faults.reset();
        journal.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private String call(SimExchange ex) {
        return switch (ex.path()) {
            case "/" -> "root";
            case "/api/submission_method" -> "submission_method";
            case "/unroll_and_partition" -> "unroll_and_partition";
            case "/map" -> "map";
            default -> "other";
        };
    }

    private void handle(SimExchange ex) throws IOException {
        if (ex.path().startsWith("/_control/")) {
            control(ex);
            return;
        }
        String call = call(ex);
        Optional<Fault> fault = faults.take(call);
        SimHttpServer.sleep(faults.delayFor(call));
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.STATUS) {
            Fault f = fault.get();
            if (f.detail() != null) {
                ex.sendJson(f.status(), Map.of("detail", f.detail()), Json.Style.COMPACT);
            } else if (f.status() == 500) {
                internalServerError(ex);
            } else {
                FaultControl.sendProxyError(ex, f.status());
            }
            return;
        }
        Reply reply = route(ex, call);
        if (fault.isPresent()) {
            Fault f = fault.get();
            if (f.kind() == Fault.Kind.DROP_CONNECTION) {
                ex.dropConnection();
                return;
            }
            if (reply.status() == 200 && reply.json() != null) {
                FaultControl.sendMalformed(ex, f.kind(), reply.json());
                return;
            }
        }
        reply.send(ex);
    }

    /** A reply computed before faults spoil it. {@code json} null = plain text / HTML in {@code text}. */
    private record Reply(int status, String contentType, String json, String text) {
        static Reply json(int status, Object value) {
            return new Reply(status, JSON, Json.write(value), null);
        }

        static Reply detail(int status, Object detail) {
            return json(status, Map.of("detail", detail));
        }

        static Reply plain(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", null, text);
        }

        void send(SimExchange ex) throws IOException {
            ex.send(status, contentType, json != null ? json : text);
        }
    }

    private static void internalServerError(SimExchange ex) throws IOException {
        ex.send(500, "text/plain; charset=utf-8", "Internal Server Error");
    }

    private Reply route(SimExchange ex, String call) throws IOException {
        String method = ex.method();
        return switch (call) {
            case "root" -> switch (method) {
                case "HEAD" -> Reply.json(200, Map.of());
                case "GET" -> new Reply(200, "text/html; charset=utf-8", null,
                        "<!DOCTYPE html>\n<html><head><title>DALiuGE Translator (simulator)</title></head>"
                                + "<body><h1>Physical graph viewer</h1></body></html>\n");
                default -> Reply.detail(405, "Method Not Allowed");
            };
            case "submission_method" -> method.equals("GET") ? submissionMethod(ex) : Reply.detail(405, "Method Not Allowed");
            case "unroll_and_partition" -> method.equals("POST") ? translated(() -> unrollAndPartition(ex.form()))
                    : Reply.detail(405, "Method Not Allowed");
            case "map" -> method.equals("POST") ? translated(() -> map(ex.form())) : Reply.detail(405, "Method Not Allowed");
            default -> Reply.detail(404, "Not Found");
        };
    }

    private interface Translation {
        Reply run() throws IOException;
    }

    private static Reply translated(Translation t) throws IOException {
        try {
            return t.run();
        } catch (TranslationException e) {
            return e.detail != null ? Reply.detail(e.status, e.detail) : Reply.plain(500, "Internal Server Error");
        }
    }

    /** §2.1: {@code []} without a manager; the manager's own list when it answers, {@code []} when it does not. */
    private Reply submissionMethod(SimExchange ex) {
        Map<String, String> q = ex.query();
        String url = q.get("dlg_mgr_url");
        if (url == null && q.get("dlg_mgr_host") != null) {
            url = "http://" + q.get("dlg_mgr_host") + ":" + q.getOrDefault("dlg_mgr_port", "443");
        }
        List<Object> methods = new ArrayList<>();
        if (url != null) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "")
                                + "/api/submission_method")).timeout(Duration.ofSeconds(15)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Json.parse(r.body()) instanceof Map<?, ?> m
                        && m.get("methods") instanceof List<?> l) {
                    methods.addAll(l);
                }
            } catch (IOException | RuntimeException e) {
                // unreachable manager: an empty list, as the real TM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Reply.json(200, Map.of("methods", methods));
    }

    private static final String ALGORITHM_EXPECTED = "'none', 'metis', 'mysarkar', 'min_num_parts' or 'pso'";

    private Reply unrollAndPartition(Map<String, String> form) {
        List<Object> errors = new ArrayList<>();
        int numPartitions = intField(form, "num_partitions", 1, errors);
        int numIslands = intField(form, "num_islands", 1, errors);
        String algorithm = form.getOrDefault("algorithm", "metis");
        if (!LogicalGraphUnroller.ALGORITHMS.contains(algorithm)) {
            Map<String, Object> e = validationError("enum", "algorithm", "Input should be " + ALGORITHM_EXPECTED, algorithm);
            e.put("ctx", Map.of("expected", ALGORITHM_EXPECTED));
            errors.add(e);
        }
        boolField(form, "zero_run", errors);
        if (!errors.isEmpty()) {
            return Reply.detail(422, errors);
        }
        Object lg = load(form.get("lg_name"), form.get("lg_content"));
        if (!(lg instanceof Map<?, ?>)) {
            throw TranslationException.untrapped("AttributeError: the logical graph is not an object");
        }
        String prefix = form.get("oid_prefix");
        String ssid = prefix != null && !prefix.isEmpty() ? prefix : LocalDateTime.now(clock).format(SSID);
        @SuppressWarnings("unchecked")
        List<Object> pgt = LogicalGraphUnroller.unroll((Map<String, Object>) lg,
                new LogicalGraphUnroller.Options(numPartitions, numIslands, algorithm, ssid));
        return Reply.json(200, pgt);
    }

    private Reply map(Map<String, String> form) {
        List<Object> errors = new ArrayList<>();
        int numIslands = intField(form, "num_islands", 1, errors);
        int port = intField(form, "port", 8001, errors);
        boolField(form, "co_host_dim", errors);
        if (!errors.isEmpty()) {
            return Reply.detail(422, errors);
        }
        Object pgt = load(form.get("pgt_name"), form.get("pgt_content"));
        if (!(pgt instanceof List<?>)) {
            throw TranslationException.untrapped("TypeError: the PGT is not a list");
        }
        List<String> nodeList = new ArrayList<>();
        String nodes = form.get("nodes");
        String host = form.get("host");
        if (nodes != null) {
            // DALiuGE 6.x treats a string 'nodes' as a list: one "node" per character (§2.2) — reproduced as is
            nodes.chars().forEach(c -> nodeList.add(String.valueOf((char) c)));
        } else {
            nodeList.add(host + ":" + port);
            nodeList.addAll(fetchNodes(host, port));
        }
        @SuppressWarnings("unchecked")
        List<Object> pg = PhysicalGraphMapper.map((List<Object>) pgt, nodeList, numIslands);
        return Reply.json(200, pg);
    }

    /** {@code GET http://host:port/api/nodes} of the DIM, 10 s; failure is an untrapped 500 on the real TM. */
    private List<String> fetchNodes(String host, int port) {
        if (host == null || host.isBlank()) {
            throw TranslationException.untrapped("no DIM host given and no nodes");
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/nodes"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !(Json.parse(r.body()) instanceof List<?> list)) {
                throw TranslationException.untrapped("DIM /api/nodes answered HTTP " + r.statusCode());
            }
            return list.stream().map(String::valueOf).toList();
        } catch (IOException | Json.JsonException | IllegalArgumentException e) {
            throw TranslationException.untrapped("cannot reach the DIM at " + host + ":" + port + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TranslationException.untrapped("interrupted");
        }
    }

    /** {@code load_graph()}: exactly one of name / content (§2.2). */
    private Object load(String name, String content) {
        if (name != null && content != null) {
            throw TranslationException.detail(400, "Need to supply either an name or content but not both");
        }
        if (content == null) {
            Path file = name == null || lgDir == null ? null : lgDir.resolve(name).normalize();
            if (file == null || !file.startsWith(lgDir) || !Files.isRegularFile(file)) {
                throw TranslationException.detail(400, "LG content is nonexistent");
            }
            try {
                content = Files.readString(file);
            } catch (IOException e) {
                throw TranslationException.detail(400, "LG content is nonexistent");
            }
        }
        try {
            return Json.parse(content);
        } catch (Json.JsonException e) {
            throw TranslationException.detail(400, "LG content is malformed");
        }
    }

    private static Map<String, Object> validationError(String type, String field, String msg, String input) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("loc", List.of("body", field));
        e.put("msg", msg);
        e.put("input", input);
        return e;
    }

    private static int intField(Map<String, String> form, String name, int fallback, List<Object> errors) {
        String v = form.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            errors.add(validationError("int_parsing", name,
                    "Input should be a valid integer, unable to parse string as an integer", v));
            return fallback;
        }
    }

    private static void boolField(Map<String, String> form, String name, List<Object> errors) {
        String v = form.get(name);
        if (v != null && !List.of("true", "false", "1", "0", "yes", "no", "on", "off", "t", "f", "y", "n")
                .contains(v.trim().toLowerCase(java.util.Locale.ROOT))) {
            errors.add(validationError("bool_parsing", name, "Input should be a valid boolean, unable to interpret input", v));
        }
    }

    /** Generic fault control (see {@link FaultControl}) plus {@code POST /_control/reset}. */
    private void control(SimExchange ex) throws IOException {
        String action = ex.path().substring("/_control/".length());
        try {
            if (action.equals("reset")) {
                reset();
                FaultControl.ok(ex);
            } else if (!FaultControl.handle(ex, action, faults, journal)) {
                FaultControl.badRequest(ex, "unknown control " + action);
            }
        } catch (IllegalArgumentException e) {
            FaultControl.badRequest(ex, e.getMessage());
        }
    }

    /** Form-encodes fields in the given order (test and tool helper). */
    public static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
