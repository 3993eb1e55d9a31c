package dev.beampipe.systemtests.execution;

import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.systemtests.ServiceCluster;
import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The DALiuGE Translator Manager + Data Island Manager simulator ({@link DaliugeSimulator}) running as its own
 * process (TM on one port, DIM on another, as docs/daliuge-simulators.md describes), driven and read only over its
 * HTTP {@code /_control/...} API: faults, scripted outcomes, request counts and the sessions created per id.
 */
public final class DaliugeSimulatorProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess process;
    private final int tmPort;
    private final int dimPort;

    private DaliugeSimulatorProcess(ServiceProcess process, int tmPort, int dimPort) {
        this.process = process;
        this.tmPort = tmPort;
        this.dimPort = dimPort;
    }

    /** Starts it on two free loopback ports with {@code stepMillis} per app drop; stopped with the cluster. */
    public static DaliugeSimulatorProcess start(ServiceCluster cluster, long stepMillis) {
        int tm = ServiceProcess.freePort();
        int dim = ServiceProcess.freePort();
        ServiceProcess p = cluster.track(ServiceProcess.startMain("daliuge-simulator", DaliugeSimulator.class,
                List.of("--tm-port", Integer.toString(tm), "--dim-port", Integer.toString(dim), "--step-ms", Long.toString(stepMillis)),
                cluster.logs()));
        DaliugeSimulatorProcess sim = new DaliugeSimulatorProcess(p, tm, dim);
        cluster.awaitTrue(Duration.ofSeconds(30), () -> sim.status(sim.dimBase() + "/api/nodes") == 200
                && sim.status(sim.tmBase() + "/api/submission_method") == 200, () -> "DALiuGE simulator listening on " + tm + "/" + dim);
        sim.control(sim.tmBase(), "reset");
        sim.control(sim.dimBase(), "reset"); // the readiness probes above are not the system's requests
        return sim;
    }

    public URI tmBase() {
        return URI.create("http://127.0.0.1:" + tmPort);
    }

    public URI dimBase() {
        return URI.create("http://127.0.0.1:" + dimPort);
    }

    public int dimPort() {
        return dimPort;
    }

    public ServiceProcess process() {
        return process;
    }

    // ------------------------------------------------------------------ counts

    /** DIM requests per call name ({@code create_session}, {@code deploy_session}, {@code session_status}, …). */
    public Map<String, Integer> dimCounts() {
        return counts(dimBase());
    }

    /** TM requests per call name ({@code unroll_and_partition}, {@code map}, …). */
    public Map<String, Integer> tmCounts() {
        return counts(tmBase());
    }

    public int dimCount(String call) {
        return dimCounts().getOrDefault(call, 0);
    }

    /** Every request either server received (control calls excluded). */
    public int totalRequests() {
        return dimCounts().values().stream().mapToInt(Integer::intValue).sum()
                + tmCounts().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Session id → create requests naming it. */
    public Map<String, Integer> createRequests() {
        return ints(new JsonObject(get(dimBase() + "/_control/sessions")).getJsonObject("createRequests"));
    }

    /** Session id → sessions actually created with it. */
    public Map<String, Integer> sessionsCreated() {
        return ints(new JsonObject(get(dimBase() + "/_control/sessions")).getJsonObject("created"));
    }

    /** Create requests for every session id of one execution (session ids embed the execution uuid, 40-backends §3.7). */
    public int createRequestsFor(UUID executionId) {
        return createRequests().entrySet().stream().filter(e -> e.getKey().contains(executionId.toString()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** The DIM's own view of a session: {@code GET /api/sessions/{sid}/status} as text (a per-node status object or an error). */
    public String sessionStatus(String sessionId) {
        return send("GET", dimBase() + "/api/sessions/" + sessionId + "/status").body();
    }

    // ------------------------------------------------------------------ faults

    /** {@code call} waits {@code ms} first (for {@code deploy_session} inside the deploy); 0 removes the delay. */
    public void dimDelay(String call, long ms) {
        control(dimBase(), "delay?call=" + call + "&ms=" + ms);
    }

    /** Applies the next {@code times} {@code call} requests, then closes the connection without a reply. */
    public void dimDrop(String call, int times) {
        control(dimBase(), "drop?call=" + call + "&times=" + times);
    }

    /** How sessions deployed afterwards end: {@code finish}, {@code fail}, {@code fail_reported_finished}, {@code never_end}. */
    public void outcome(String outcome) {
        control(dimBase(), "outcome?session=*&outcome=" + outcome);
    }

    private void control(URI base, String action) {
        HttpResponse<String> r = send("POST", base + "/_control/" + action);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("DALiuGE simulator control " + action + " -> " + r.statusCode() + ": " + r.body());
        }
    }

    private Map<String, Integer> counts(URI base) {
        return ints(new JsonObject(get(base + "/_control/counts")));
    }

    private static Map<String, Integer> ints(JsonObject json) {
        Map<String, Integer> out = new TreeMap<>();
        if (json != null) {
            json.forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).intValue()));
        }
        return out;
    }

    private String get(String url) {
        HttpResponse<String> r = send("GET", url);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private int status(String url) {
        try {
            return send("GET", url).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private static HttpResponse<String> send(String method, String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
