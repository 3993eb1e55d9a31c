package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DIM (+ NMs) simulator over real HTTP: §3.1–§3.5, §3.8, §3.9, §3.12, §3.13, §10.3. Time is a manual clock. */
class IslandManagerSimulatorTest {

    static final String NM1 = "dlg-nm1:8000:5555:6666";
    static final String NM2 = "dlg-nm2:8000:5555:6666";
    static final String SID = "BeampipeExecution-019e0000-0000-7000-8000-000000000001-2026-08-22T10-00-00";
    static final long STEP = 100;

    static ManualClock clock = new ManualClock(Instant.parse("2026-08-22T10:00:00Z"));
    static IslandManagerSimulator dim;
    static URI base;

    @BeforeAll
    static void start() {
        dim = IslandManagerSimulator.start(0, clock, List.of(NM1, NM2), STEP);
        base = dim.baseUri();
    }

    @AfterAll
    static void stop() {
        dim.close();
    }

    @BeforeEach
    void reset() {
        dim.reset();
        dim.stepMillis(STEP);
    }

    /** The fixture through unroll (2 partitions) and map onto the two NMs: 10 drops + reprodata. */
    @SuppressWarnings("unchecked")
    static List<Object> physicalGraph() {
        Map<String, Object> lg = (Map<String, Object>) Json.parse(DlgHttp.fixture());
        List<Object> pgt = LogicalGraphUnroller.unroll(lg, new LogicalGraphUnroller.Options(2, 1, "metis", "2026-08-22T10:00:00"));
        return PhysicalGraphMapper.map(pgt, List.of("127.0.0.1:" + dim.port(), NM1, NM2), 1);
    }

    static String deployBody(List<Object> pg) {
        return "completed=" + String.join(",", DlgHttp.roots(DlgHttp.drops(pg)));
    }

    static HttpResponse<String> create(String sid) throws IOException {
        return DlgHttp.postJson(base, "/api/sessions", "{\"sessionId\":\"" + sid + "\"}");
    }

    static HttpResponse<String> append(String sid, Object graph) throws IOException {
        return DlgHttp.postJson(base, "/api/sessions/" + sid + "/graph/append", Json.write(graph));
    }

    static HttpResponse<String> deploy(String sid, String body) throws IOException {
        return DlgHttp.postForm(base, "/api/sessions/" + sid + "/deploy", body);
    }

    static Map<String, Object> status(String sid) {
        HttpResponse<String> r = DlgHttp.get(base, "/api/sessions/" + sid + "/status");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return DlgHttp.object(r);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> graphStatus(String sid) {
        HttpResponse<String> r = DlgHttp.get(base, "/api/sessions/" + sid + "/graph/status");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (Map<String, Map<String, Object>>) (Map<?, ?>) DlgHttp.object(r);
    }

    static Map<String, Object> perNode(long nm1, long nm2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NM1, nm1);
        m.put(NM2, nm2);
        return m;
    }

    /** Asserts a 555 SubManagerException whose every nested per-node exception has {@code inner} type. */
    @SuppressWarnings("unchecked")
    static void assert555(HttpResponse<String> r, String inner) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(555);
        Map<String, Object> body = DlgHttp.object(r);
        assertThat(body).containsEntry("type", "SubManagerException");
        Map<String, Object> args = (Map<String, Object>) body.get("args");
        assertThat(args).isNotEmpty();
        assertThat(args.values()).allMatch(v -> Map.of("type", inner, "args", "dummy").equals(v));
    }

    static List<Object> deployed(String sid) throws IOException {
        List<Object> pg = physicalGraph();
        assertThat(create(sid).statusCode()).isEqualTo(200);
        assertThat(append(sid, pg).statusCode()).isEqualTo(200);
        assertThat(deploy(sid, deployBody(pg)).statusCode()).isEqualTo(200);
        return pg;
    }

    @Test
    void inspectionEndpoints() throws IOException {
        assertThat(DlgHttp.get(base, "/api/nodes").body()).isEqualTo("[\"" + NM1 + "\", \"" + NM2 + "\"]");
        assertThat(DlgHttp.get(base, "/api/submission_method").body()).isEqualTo("{\"methods\": [\"BROWSER\", \"SERVER\"]}");
        assertThat(DlgHttp.get(base, "/api/sessions").body()).isEqualTo("[]");
        create(SID);
        assertThat(DlgHttp.object(DlgHttp.get(base, "/api"))).containsEntry("hosts", List.of(NM1, NM2))
                .containsEntry("sessionIds", List.of(SID));
        assertThat(DlgHttp.array(DlgHttp.get(base, "/api/sessions")))
                .containsExactly(Map.of("sessionId", SID, "status", perNode(0, 0), "size", 0L));
        assertThat(DlgHttp.get(base, "/session?sessionId=" + SID).body()).contains("<html").contains(SID);
        assertThat(DlgHttp.get(base, "/").statusCode()).isEqualTo(200);
        assertThat(DlgHttp.method(base, "OPTIONS", "/api/sessions").body()).isEqualTo("{}");
        HttpResponse<String> unknown = DlgHttp.get(base, "/api/nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Error: 404 Not Found");
        assertThat(DlgHttp.method(base, "DELETE", "/api/sessions/" + SID).body()).isEqualTo("{\"Status\": \"Success\"}");
        assertThat(DlgHttp.get(base, "/api/past_sessions").body()).isEqualTo("[{\"sessionId\": \"" + SID + "\"}]");
    }

    @Test
    void aSessionProgressesThroughTheRealStateNumbersToFinished() throws IOException {
        List<Object> pg = physicalGraph();
        HttpResponse<String> created = create(SID);
        assertThat(created.body()).isEqualTo("{\"sessionId\": \"" + SID + "\"}");
        assertThat(status(SID)).isEqualTo(perNode(0, 0));
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/status"), "InvalidSessionState");

        assertThat(append(SID, pg).body()).isEqualTo("{\"Status\": \"Success\"}");
        assertThat(status(SID)).isEqualTo(perNode(1, 1));
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/size").body()).isEqualTo("10");
        assertThat(DlgHttp.object(DlgHttp.get(base, "/api/sessions/" + SID + "/graph"))).hasSize(10);
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/status"), "InvalidSessionState");
        assert555(DlgHttp.method(base, "POST", "/api/sessions/" + SID + "/cancel"), "InvalidSessionState");

        HttpResponse<String> deployed = deploy(SID, deployBody(pg));
        assertThat(deployed.body()).isEqualTo("{\"Status\": \"Success\"}");
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
        Map<String, Map<String, Object>> gs = graphStatus(SID);
        assertThat(gs).hasSize(10);
        String ingest = DlgHttp.roots(DlgHttp.drops(pg)).get(0);
        assertThat(gs.get(ingest)).isEqualTo(Map.of("status", 0L, "execStatus", 1L)); // running
        assertThat(gs.values()).filteredOn(v -> !v.containsKey("execStatus")).allMatch(v -> v.get("status").equals(0L)
                || v.get("status").equals(1L));

        // the imager of copy 1 (and its image) ran on nm2 from 100 to 200 ms; the mosaic on nm1 runs until 300
        clock.advanceMillis(250);
        assertThat(status(SID)).isEqualTo(perNode(3, 4));
        assertThat(dim.sessionState(SID)).isEqualTo(DlgStates.Session.RUNNING);
        clock.advanceMillis(50);
        assertThat(status(SID)).isEqualTo(perNode(4, 4));
        assertThat(graphStatus(SID).values()).allMatch(v -> v.get("status").equals(2L)
                && (!v.containsKey("execStatus") || v.get("execStatus").equals(2L)));
        assertThat(dim.sessionState(SID)).isEqualTo(DlgStates.Session.FINISHED);

        Map<String, Object> session = DlgHttp.object(DlgHttp.get(base, "/api/sessions/" + SID));
        assertThat(session).containsEntry("status", perNode(4, 4)).containsKey("graph").containsKey("dir");
        HttpResponse<String> logs = DlgHttp.get(base, "/api/sessions/" + SID + "/logs");
        assertThat(logs.headers().firstValue("Content-Type")).hasValue("application/x-tar");
        assertThat(logs.headers().firstValue("Content-Disposition").orElse("")).contains("dlg_" + SID + ".tar");
        assert555(deploy(SID, deployBody(pg)), "InvalidSessionState");
        assert555(append(SID, pg), "InvalidSessionState");
        assert555(DlgHttp.method(base, "POST", "/api/sessions/" + SID + "/cancel"), "InvalidSessionState");
    }

    @Test
    void createErrors() throws IOException {
        create(SID);
        assert555(create(SID), "SessionAlreadyExistsException");
        HttpResponse<String> bad = DlgHttp.postJson(base, "/api/sessions", "{\"id\":1}");
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.body()).contains("Error: 500 Internal Server Error");
        assertThat(dim.createRequests(SID)).isEqualTo(2);
        assertThat(dim.sessionsCreated(SID)).isEqualTo(1);
    }

    @Test
    void anUnknownSessionIs555NoSessionExceptionOnEveryRoute() throws IOException {
        String p = "/api/sessions/nope";
        for (HttpResponse<String> r : List.of(DlgHttp.get(base, p + "/status"), DlgHttp.get(base, p + "/graph/status"),
                DlgHttp.get(base, p + "/graph"), DlgHttp.get(base, p + "/graph/size"), DlgHttp.get(base, p),
                DlgHttp.get(base, p + "/logs"), DlgHttp.method(base, "DELETE", p), DlgHttp.method(base, "POST", p + "/cancel"),
                deploy("nope", "completed=a"), append("nope", List.of()))) {
            assert555(r, "NoSessionException");
        }
    }

    @Test
    void appendRules() throws IOException {
        create(SID);
        HttpResponse<String> form = DlgHttp.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + SID + "/graph/append"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("[]")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).isEmpty();

        Map<String, Object> noNode = Map.of("oid", "a", "categoryType", "Data");
        HttpResponse<String> r = append(SID, List.of(noNode));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(DlgHttp.object(r)).containsEntry("type", "InvalidGraphException")
                .containsEntry("args", List.of("Drop a doesn't specify a node attribute"));
        HttpResponse<String> foreign = append(SID, List.of(Map.of("oid", "a", "categoryType", "Data", "node", "x:8000:5555:6666")));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("does not belong to this DM");
        assertThat(append(SID, List.of(Map.of("oid", "a", "node", NM1))).statusCode()).isEqualTo(400);
        assertThat(DlgHttp.postJson(base, "/api/sessions/" + SID + "/graph/append", "not json").statusCode()).isEqualTo(500);

        Map<String, Object> a = Map.of("oid", "a", "categoryType", "Data", "node", NM1);
        HttpResponse<String> dup = append(SID, List.of(a, Map.of("oid", "b", "categoryType", "Data", "node", NM2), a));
        assert555(dup, "InvalidGraphException");
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/size").body()).isEqualTo("0"); // nothing applied
        assertThat(status(SID)).isEqualTo(perNode(0, 0));

        // text/plain is accepted, a trailing {} is dropped and a trailing rmode object kept as repro data
        HttpResponse<String> plain = DlgHttp.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + SID + "/graph/append"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(Json.write(List.of(a, Map.of())))));
        assertThat(plain.statusCode()).isEqualTo(200);
        HttpResponse<String> gz = DlgHttp.postGzipJson(base, "/api/sessions/" + SID + "/graph/append",
                Json.write(List.of(Map.of("oid", "b", "categoryType", "Data", "node", NM2), Map.of("rmode", "1"))));
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(DlgHttp.object(DlgHttp.get(base, "/api/sessions/" + SID + "/graph")).keySet()).containsExactly("a", "b");
        assert555(append(SID, List.of(a)), "InvalidGraphException"); // already in the session
        assertThat(status(SID)).isEqualTo(perNode(1, 1));
    }

    @Test
    void deployRules() throws IOException {
        List<Object> pg = physicalGraph();
        create(SID);
        append(SID, pg);
        HttpResponse<String> unknown = deploy(SID, "completed=no-such-oid");
        assertThat(unknown.statusCode()).isEqualTo(555);
        assertThat(DlgHttp.object(unknown)).containsEntry("type", "DaliugeException");
        assertThat(status(SID)).isEqualTo(perNode(1, 1)); // still BUILDING

        create("empty");
        assert555(deploy("empty", "completed=x"), "InvalidGraphException");
        assertThat(deploy("empty", "").statusCode()).isEqualTo(200);
        assertThat(status("empty")).isEqualTo(perNode(4, 4));

        // deployed without its roots: nothing ever runs
        assertThat(deploy(SID, "").statusCode()).isEqualTo(200);
        clock.advanceMillis(1_000_000);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
        assertThat(graphStatus(SID).values()).allMatch(v -> v.get("status").equals(0L));
    }

    @Test
    void cancelFreezesUnfinishedDropsAsCancelled_thenDelete() throws IOException {
        deployed(SID);
        clock.advanceMillis(150);
        HttpResponse<String> cancel = DlgHttp.method(base, "POST", "/api/sessions/" + SID + "/cancel");
        assertThat(cancel.body()).isEqualTo("{\"Status\": \"Success\"}");
        assertThat(status(SID)).isEqualTo(perNode(5, 5));
        assertThat(dim.sessionState(SID)).isEqualTo(DlgStates.Session.CANCELLED);
        clock.advanceMillis(10_000);
        Map<String, Map<String, Object>> gs = graphStatus(SID);
        assertThat(gs.values()).anyMatch(v -> v.equals(Map.of("status", 2L, "execStatus", 2L))); // the ingest finished
        assertThat(gs.values()).anyMatch(v -> v.equals(Map.of("status", 6L, "execStatus", 4L)));
        assertThat(gs.values()).noneMatch(v -> v.get("status").equals(0L) || v.get("status").equals(1L));
        assertThat(DlgHttp.method(base, "POST", "/api/sessions/" + SID + "/cancel").statusCode()).isEqualTo(200);
        assertThat(DlgHttp.method(base, "DELETE", "/api/sessions/" + SID).statusCode()).isEqualTo(200);
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "NoSessionException");
    }

    @Test
    void outcomeFail_anErrorDropFailsItsNode() throws IOException {
        dim.outcome(SID, Outcome.FAIL);
        deployed(SID);
        clock.advanceMillis(10 * STEP);
        Map<String, Object> st = status(SID);
        assertThat(st.values()).contains(6L);
        assertThat(graphStatus(SID).values()).anyMatch(v -> v.get("status").equals(3L) && v.get("execStatus").equals(3L));
        assertThat(dim.sessionState(SID)).isEqualTo(DlgStates.Session.FAILED);
    }

    @Test
    void outcomeFailReportedFinished_finishedWithDropState3() throws IOException {
        dim.outcome("*", Outcome.FAIL_REPORTED_FINISHED);
        deployed(SID);
        clock.advanceMillis(10 * STEP);
        assertThat(status(SID)).isEqualTo(perNode(4, 4));
        assertThat(graphStatus(SID).values()).anyMatch(v -> v.get("status").equals(3L));
    }

    @Test
    void outcomeNeverEnd_staysRunning() throws IOException {
        dim.outcome(SID, Outcome.NEVER_END);
        deployed(SID);
        clock.advanceMillis(86_400_000);
        assertThat(status(SID).values()).contains(3L);
        assertThat(graphStatus(SID).values()).anyMatch(v -> v.equals(Map.of("status", 0L, "execStatus", 1L)));
    }

    @Test
    void slowDeployIsSeenAsDeploying() throws Exception {
        List<Object> pg = physicalGraph();
        create(SID);
        append(SID, pg);
        dim.faults().delay("deploy_session", 600);
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return deploy(SID, deployBody(pg));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Map<String, Object> seen = perNode(1, 1);
        for (int i = 0; i < 100 && !seen.equals(perNode(2, 2)); i++) {
            seen = status(SID);
            Thread.sleep(10);
        }
        assertThat(seen).isEqualTo(perNode(2, 2));
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/status"), "InvalidSessionState");
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
    }

    @Test
    void droppedConnectionAfterDeploy_theSessionRunsButTheClientSeesNoResponse() throws IOException {
        List<Object> pg = physicalGraph();
        create(SID);
        append(SID, pg);
        dim.faults().add("deploy_session", Fault.of(Fault.Kind.DROP_CONNECTION, 1));
        assertThatThrownBy(() -> deploy(SID, deployBody(pg))).isInstanceOf(IOException.class);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
        // the create was dropped too: the session exists, a retried create is a duplicate
        dim.faults().add("create_session", Fault.of(Fault.Kind.DROP_CONNECTION, 1));
        assertThatThrownBy(() -> create("other")).isInstanceOf(IOException.class);
        assert555(create("other"), "SessionAlreadyExistsException");
        assertThat(dim.sessionsCreated("other")).isEqualTo(1);
        assertThat(dim.createRequests("other")).isEqualTo(2);
    }

    @Test
    void injectedReplies() throws IOException {
        deployed(SID);
        dim.faults().add("session_status", Fault.status(555, "NoSessionException", 1));
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "NoSessionException");
        dim.faults().add("session_status", Fault.status(555, null, 1));
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "RestClientException");
        dim.faults().add("session_status", Fault.status(502, null, 2));
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/status").statusCode()).isEqualTo(502);
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/status").body()).isEqualTo("Bad Gateway");
        dim.faults().add("session_status", Fault.status(500, null, 1));
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/status").body()).contains("Error: 500 Internal Server Error");
        dim.faults().add("session_status", Fault.status(404, "NoSessionException", 1));
        HttpResponse<String> direct = DlgHttp.get(base, "/api/sessions/" + SID + "/status");
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(DlgHttp.object(direct)).containsEntry("type", "NoSessionException").containsEntry("args", List.of(SID));
        dim.faults().add("graph_status", Fault.of(Fault.Kind.HTML_200, 1));
        HttpResponse<String> html = DlgHttp.get(base, "/api/sessions/" + SID + "/graph/status");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).startsWith("<!DOCTYPE html>");
        dim.faults().add("session_status", Fault.of(Fault.Kind.TRUNCATED_JSON, 1));
        assertThatThrownBy(() -> Json.parse(DlgHttp.get(base, "/api/sessions/" + SID + "/status").body()))
                .isInstanceOf(Json.JsonException.class);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
        assertThat(dim.count("session_status")).isEqualTo(8);
    }

    @Test
    void oneNodeDownAndARestart() throws IOException {
        deployed(SID);
        dim.nodeDown(NM2, true);
        HttpResponse<String> r = DlgHttp.get(base, "/api/sessions/" + SID + "/status");
        assertThat(r.statusCode()).isEqualTo(555);
        assertThat(DlgHttp.object(r).get("args")).isEqualTo(Map.of(NM2, Map.of("type", "RestClientException", "args", "dummy")));
        assertThat(DlgHttp.get(base, "/api/nodes").statusCode()).isEqualTo(200); // not replicated
        dim.nodeDown(NM2, false);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
        dim.restart();
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "NoSessionException");
        assertThat(dim.sessionsCreated(SID)).isEqualTo(1);
    }

    @Test
    void theJournalHoldsTheRawDeployBody() throws IOException {
        List<Object> pg = deployed(SID);
        var deploys = dim.journal().matching("POST", "/api/sessions/" + SID + "/deploy");
        assertThat(deploys).hasSize(1);
        assertThat(deploys.get(0).bodyText()).isEqualTo(deployBody(pg)).contains(":"); // raw, not percent-encoded
    }

    @Test
    void createCountsUnderConcurrency() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> same = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            same.add(pool.submit(() -> {
                go.await();
                return create(SID).statusCode();
            }));
        }
        List<Future<?>> distinct = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            distinct.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                    assertThat(create("s-" + thread + "-" + i).statusCode()).isEqualTo(200);
                    assertThat(DlgHttp.get(base, "/api/sessions/s-" + thread + "-" + i + "/status").statusCode()).isEqualTo(200);
                }
                return null;
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : same) {
            codes.add(f.get());
        }
        for (Future<?> f : distinct) {
            f.get();
        }
        pool.shutdown();
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 555).hasSize(threads - 1);
        assertThat(dim.sessionsCreated(SID)).isEqualTo(1);
        assertThat(dim.createRequests(SID)).isEqualTo(threads);
        assertThat(dim.count("create_session")).isEqualTo(threads + 80);
        assertThat(dim.count("session_status")).isEqualTo(80);
        assertThat(dim.sessionsCreated()).hasSize(81).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    }

    @Test
    void racingDeploysOfOneSession_exactlyOneWins() throws Exception {
        List<Object> pg = physicalGraph();
        create(SID);
        append(SID, pg);
        dim.faults().delay("deploy_session", 200); // keeps the first deploy in DEPLOYING while the others arrive
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return deploy(SID, deployBody(pg));
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<HttpResponse<String>> f : replies) {
            HttpResponse<String> r = f.get();
            codes.add(r.statusCode());
            if (r.statusCode() == 555) {
                assert555(r, "InvalidSessionState");
            }
        }
        pool.shutdown();
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 555).hasSize(threads - 1);
        assertThat(dim.count("deploy_session")).isEqualTo(threads);
        assertThat(status(SID)).isEqualTo(perNode(3, 3));
    }

    @Test
    void aLargeGzippedAppendIsAccepted() throws IOException {
        create(SID);
        List<Object> drops = new ArrayList<>();
        String padding = "x".repeat(200);
        for (int i = 0; i < 20_000; i++) {
            drops.add(Map.of("oid", "d" + i, "categoryType", "Data", "node", i % 2 == 0 ? NM1 : NM2, "pad", padding));
        }
        String json = Json.write(drops);
        assertThat(json.length()).isGreaterThan(5_000_000);
        assertThat(DlgHttp.postGzipJson(base, "/api/sessions/" + SID + "/graph/append", json).statusCode()).isEqualTo(200);
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/graph/size").body()).isEqualTo("20000");
    }

    @Test
    void theControlApiOverHttp() throws IOException {
        assertThat(DlgHttp.method(base, "POST", "/_control/outcome?session=" + SID + "&outcome=fail").statusCode()).isEqualTo(200);
        assertThat(DlgHttp.method(base, "POST", "/_control/step?ms=10").statusCode()).isEqualTo(200);
        deployed(SID);
        clock.advanceMillis(1000);
        assertThat(status(SID).values()).contains(6L);
        assertThat(DlgHttp.method(base, "POST", "/_control/fail?call=session_status&status=555&detail=InvalidSessionState").statusCode())
                .isEqualTo(200);
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "InvalidSessionState");
        DlgHttp.method(base, "POST", "/_control/node-down?node=" + NM1 + "&on=true");
        assertThat(DlgHttp.get(base, "/api/sessions/" + SID + "/status").statusCode()).isEqualTo(555);
        DlgHttp.method(base, "POST", "/_control/node-down?node=" + NM1 + "&on=false");
        assertThat(DlgHttp.get(base, "/_control/sessions").body())
                .isEqualTo("{\"created\":{\"" + SID + "\":1},\"createRequests\":{\"" + SID + "\":1}}");
        assertThat(DlgHttp.get(base, "/_control/counts").body()).contains("\"deploy_session\":1");
        assertThat(DlgHttp.get(base, "/_control/journal").body()).contains("\"path\":\"/api/sessions/" + SID + "/deploy\"");
        assertThat(DlgHttp.method(base, "POST", "/_control/restart").statusCode()).isEqualTo(200);
        assert555(DlgHttp.get(base, "/api/sessions/" + SID + "/status"), "NoSessionException");
        assertThat(DlgHttp.method(base, "POST", "/_control/reset").statusCode()).isEqualTo(200);
        assertThat(dim.count("session_status")).isZero();
        assertThat(DlgHttp.method(base, "POST", "/_control/outcome?outcome=explode").statusCode()).isEqualTo(400);
        assertThat(DlgHttp.method(base, "POST", "/_control/node-down?node=nm9").statusCode()).isEqualTo(400);
        assertThat(DlgHttp.method(base, "POST", "/_control/nope").statusCode()).isEqualTo(400);
    }
}
