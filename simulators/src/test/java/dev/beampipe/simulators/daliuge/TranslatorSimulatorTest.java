package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.ManualClock;
import dev.beampipe.simulators.http.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TM simulator over real HTTP: endpoints, FastAPI error shapes, faults, counts, journal (§2, §10.2). */
class TranslatorSimulatorTest {

    static ManualClock clock = new ManualClock(Instant.parse("2026-08-22T10:00:00Z"));
    static IslandManagerSimulator dim;
    static TranslatorSimulator tm;
    @TempDir
    static Path lgDir;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(lgDir.resolve("beam-mosaic.graph"), DlgHttp.fixture());
        dim = IslandManagerSimulator.start(0, clock, IslandManagerSimulator.DEFAULT_NODES, 100);
        tm = TranslatorSimulator.start(0, clock, lgDir);
    }

    @AfterAll
    static void stop() {
        tm.close();
        dim.close();
    }

    @BeforeEach
    void reset() {
        tm.reset();
        dim.reset();
    }

    static HttpResponse<String> unroll(String form) throws IOException {
        return DlgHttp.postForm(tm.baseUri(), "/unroll_and_partition", form);
    }

    static String clientUnrollForm(String lg) {
        return DlgHttp.form("lg_content", lg, "num_partitions", "2", "num_islands", "1", "algorithm", "metis");
    }

    static String clientMapForm(String pgt, int port) {
        return DlgHttp.form("pgt_content", pgt, "host", "127.0.0.1", "port", String.valueOf(port), "num_islands", "1",
                "co_host_dim", "true");
    }

    @Test
    void liveness() {
        HttpResponse<String> head = DlgHttp.method(tm.baseUri(), "HEAD", "/");
        assertThat(head.statusCode()).isEqualTo(200);
        HttpResponse<String> get = DlgHttp.get(tm.baseUri(), "/");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("<html");
        assertThat(DlgHttp.get(tm.baseUri(), "/nope").body()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(tm.count("root")).isEqualTo(2);
    }

    @Test
    void submissionMethodAsksTheManagerWhenGiven() throws IOException {
        assertThat(DlgHttp.get(tm.baseUri(), "/api/submission_method").body()).isEqualTo("{\"methods\":[]}");
        assertThat(DlgHttp.get(tm.baseUri(), "/api/submission_method?dlg_mgr_host=127.0.0.1&dlg_mgr_port=" + dim.port()).body())
                .isEqualTo("{\"methods\":[\"BROWSER\",\"SERVER\"]}");
        assertThat(DlgHttp.get(tm.baseUri(), "/api/submission_method?dlg_mgr_url=" + dim.baseUri()).body())
                .isEqualTo("{\"methods\":[\"BROWSER\",\"SERVER\"]}");
        int closed = freePort();
        assertThat(DlgHttp.get(tm.baseUri(), "/api/submission_method?dlg_mgr_host=127.0.0.1&dlg_mgr_port=" + closed).body())
                .isEqualTo("{\"methods\":[]}");
        assertThat(dim.count("submission_method")).isEqualTo(2);
    }

    @Test
    void unrollAndPartitionThenMapAsTheClientCallsThem() throws IOException {
        HttpResponse<String> pgtReply = unroll(clientUnrollForm(DlgHttp.fixture()));
        assertThat(pgtReply.statusCode()).isEqualTo(200);
        assertThat(pgtReply.headers().firstValue("Content-Type")).hasValue("application/json");
        List<Object> pgt = DlgHttp.array(pgtReply);
        assertThat(DlgHttp.drops(pgt)).hasSize(10).allMatch(d -> ((String) d.get("oid")).startsWith("2026-08-22T10:00:00_"));
        assertThat(pgt.get(pgt.size() - 1)).isInstanceOf(Map.class).satisfies(m -> assertThat(((Map<?, ?>) m).containsKey("rmode")).isTrue());

        HttpResponse<String> pgReply = DlgHttp.postForm(tm.baseUri(), "/map", clientMapForm(Json.write(pgt), dim.port()));
        assertThat(pgReply.statusCode()).isEqualTo(200);
        List<Object> pg = DlgHttp.array(pgReply);
        assertThat(pg).hasSize(11);
        assertThat(DlgHttp.drops(pg)).allMatch(d -> dim.nodes().contains(d.get("node"))
                && ("127.0.0.1:" + dim.port()).equals(d.get("island")));
        assertThat(DlgHttp.drops(pg).stream().map(d -> d.get("node")).distinct()).hasSize(2);
        assertThat(((Map<?, ?>) pg.get(10)).containsKey("rmode")).isTrue();
        assertThat(dim.count("list_nodes")).isEqualTo(1);
        assertThat(tm.count("unroll_and_partition")).isEqualTo(1);
        assertThat(tm.count("map")).isEqualTo(1);
    }

    @Test
    void multipartAndOidPrefixAndLgNameWork() throws IOException {
        String boundary = "----sim";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"lg_name\"\r\n\r\nbeam-mosaic.graph\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"oid_prefix\"\r\n\r\nrun42\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> r = DlgHttp.send(HttpRequest.newBuilder(URI.create(tm.baseUri() + "/unroll_and_partition"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(DlgHttp.drops(DlgHttp.array(r))).allMatch(d -> ((String) d.get("oid")).startsWith("run42_"));
    }

    @Test
    void fastApiErrorShapes() throws IOException {
        HttpResponse<String> both = unroll(DlgHttp.form("lg_name", "x.graph", "lg_content", "{}"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("{\"detail\":\"Need to supply either an name or content but not both\"}");

        HttpResponse<String> none = unroll(DlgHttp.form("lg_name", "../etc/passwd"));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("{\"detail\":\"LG content is nonexistent\"}");

        HttpResponse<String> malformed = unroll(DlgHttp.form("lg_content", "{not json"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("{\"detail\":\"LG content is malformed\"}");

        HttpResponse<String> algo = unroll(DlgHttp.form("lg_content", DlgHttp.fixture(), "algorithm", "kmeans"));
        assertThat(algo.statusCode()).isEqualTo(422);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) DlgHttp.object(algo).get("detail")).get(0);
        assertThat(first).containsEntry("type", "enum").containsEntry("loc", List.of("body", "algorithm"))
                .containsEntry("input", "kmeans");

        HttpResponse<String> notInt = unroll(DlgHttp.form("lg_content", DlgHttp.fixture(), "num_partitions", "two"));
        assertThat(notInt.statusCode()).isEqualTo(422);
        assertThat(notInt.body()).contains("\"int_parsing\"").contains("[\"body\",\"num_partitions\"]");

        String noFilePath = DlgHttp.fixture().replace("\"filePath\"", "\"filePathX\"");
        HttpResponse<String> untrapped = unroll(clientUnrollForm(noFilePath));
        assertThat(untrapped.statusCode()).isEqualTo(500);
        assertThat(untrapped.body()).isEqualTo("Internal Server Error");
        assertThat(untrapped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void mapErrors() throws IOException {
        String pgt = unroll(DlgHttp.form("lg_content", DlgHttp.fixture(), "num_partitions", "3")).body();
        // three partitions but only two NMs: '#2' is beyond the node list → an untrapped IndexError
        HttpResponse<String> beyond = DlgHttp.postForm(tm.baseUri(), "/map", clientMapForm(pgt, dim.port()));
        assertThat(beyond.statusCode()).isEqualTo(500);
        assertThat(beyond.body()).isEqualTo("Internal Server Error");

        String ok = unroll(clientUnrollForm(DlgHttp.fixture())).body();
        HttpResponse<String> islands = DlgHttp.postForm(tm.baseUri(), "/map",
                DlgHttp.form("pgt_content", ok, "host", "127.0.0.1", "port", String.valueOf(dim.port()), "num_islands", "3"));
        assertThat(islands.statusCode()).isEqualTo(500);
        assertThat(islands.body()).isEqualTo("{\"detail\":\"#nodes (3) should be larger than the number of islands (3)\"}");

        HttpResponse<String> dimDown = DlgHttp.postForm(tm.baseUri(), "/map", clientMapForm(ok, freePort()));
        assertThat(dimDown.statusCode()).isEqualTo(500);
        assertThat(dimDown.body()).isEqualTo("Internal Server Error");

        HttpResponse<String> both = DlgHttp.postForm(tm.baseUri(), "/map", DlgHttp.form("pgt_name", "a", "pgt_content", ok));
        assertThat(both.statusCode()).isEqualTo(400);
    }

    @Test
    void theRealWallabyGraphTranslatesAndMaps() throws IOException {
        String lg = DlgHttp.read(DlgHttp.wallabyGraph());
        HttpResponse<String> pgt = unroll(clientUnrollForm(lg));
        assertThat(pgt.statusCode()).isEqualTo(200);
        HttpResponse<String> pg = DlgHttp.postForm(tm.baseUri(), "/map", clientMapForm(pgt.body(), dim.port()));
        assertThat(pg.statusCode()).isEqualTo(200);
        assertThat(DlgHttp.drops(DlgHttp.array(pg)).size()).isEqualTo(82);
    }

    @Test
    void injectedFaults() throws IOException {
        String form = clientUnrollForm(DlgHttp.fixture());
        tm.faults().add("unroll_and_partition", Fault.status(500, null, 1));
        HttpResponse<String> plain = unroll(form);
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(plain.body()).isEqualTo("Internal Server Error");

        tm.faults().add("unroll_and_partition", Fault.status(400, "LG content is malformed", 1));
        assertThat(unroll(form).body()).isEqualTo("{\"detail\":\"LG content is malformed\"}");

        tm.faults().add("unroll_and_partition", Fault.status(502, null, 1));
        HttpResponse<String> proxy = unroll(form);
        assertThat(proxy.statusCode()).isEqualTo(502);
        assertThat(proxy.body()).isEqualTo("Bad Gateway");

        tm.faults().add("unroll_and_partition", Fault.of(Fault.Kind.TRUNCATED_JSON, 1));
        HttpResponse<String> truncated = unroll(form);
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Json.parse(truncated.body())).isInstanceOf(Json.JsonException.class);

        tm.faults().add("unroll_and_partition", Fault.of(Fault.Kind.NOT_ARRAY, 1));
        assertThat(Json.parse(unroll(form).body())).isInstanceOf(Map.class);

        tm.faults().add("unroll_and_partition", Fault.of(Fault.Kind.HTML_200, 1));
        HttpResponse<String> html = unroll(form);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).startsWith("<!DOCTYPE html>");

        tm.faults().add("unroll_and_partition", Fault.of(Fault.Kind.DROP_CONNECTION, 1));
        assertThatThrownBy(() -> unroll(form)).isInstanceOf(IOException.class);

        assertThat(unroll(form).statusCode()).isEqualTo(200); // every fault was used up
        assertThat(tm.count("unroll_and_partition")).isEqualTo(8);
    }

    @Test
    void slowResponseHitsAClientTimeout() {
        tm.faults().delay("root", 1500);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DlgHttp.HTTP.send(HttpRequest.newBuilder(tm.baseUri())
                        .timeout(java.time.Duration.ofMillis(300)).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1400);
    }

    @Test
    void theJournalKeepsTheExactBytesSent() throws IOException {
        String form = clientUnrollForm(DlgHttp.fixture());
        unroll(form);
        List<RecordedRequest> calls = tm.journal().matching("POST", "/unroll_and_partition");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).body()).isEqualTo(form.getBytes(StandardCharsets.UTF_8));
        assertThat(calls.get(0).header("content-type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void theControlApiOverHttp() throws IOException {
        URI base = tm.baseUri();
        String form = clientUnrollForm(DlgHttp.fixture());
        assertThat(DlgHttp.method(base, "POST", "/_control/fail?call=unroll_and_partition&status=500&times=2").statusCode()).isEqualTo(200);
        assertThat(unroll(form).statusCode()).isEqualTo(500);
        assertThat(unroll(form).statusCode()).isEqualTo(500);
        assertThat(unroll(form).statusCode()).isEqualTo(200);
        // a POST: the JDK client retries an idempotent GET once on a dropped connection, so a single drop would hide
        DlgHttp.method(base, "POST", "/_control/drop?call=map");
        assertThatThrownBy(() -> DlgHttp.postForm(base, "/map", "pgt_content=[]")).isInstanceOf(IOException.class);
        DlgHttp.method(base, "POST", "/_control/malformed?call=map&kind=not_array");
        assertThat(DlgHttp.postForm(base, "/map", clientMapForm("[]", dim.port())).body()).startsWith("{\"result\":[");
        DlgHttp.method(base, "POST", "/_control/delay?call=root&ms=1");
        DlgHttp.get(base, "/");
        assertThat(DlgHttp.get(base, "/_control/counts").body()).contains("\"unroll_and_partition\":3").contains("\"root\":1")
                .contains("\"map\":2");
        assertThat(DlgHttp.get(base, "/_control/journal").body()).contains("\"path\":\"/unroll_and_partition\"");
        assertThat(DlgHttp.method(base, "POST", "/_control/reset").statusCode()).isEqualTo(200);
        assertThat(tm.count("unroll_and_partition")).isZero();
        assertThat(tm.journal().all()).isEmpty();
        assertThat(DlgHttp.method(base, "POST", "/_control/malformed?kind=xml").statusCode()).isEqualTo(400);
        assertThat(DlgHttp.method(base, "POST", "/_control/fail").statusCode()).isEqualTo(400);
        assertThat(DlgHttp.method(base, "POST", "/_control/nope").statusCode()).isEqualTo(400);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
