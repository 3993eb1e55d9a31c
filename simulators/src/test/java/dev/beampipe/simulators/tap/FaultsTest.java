package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol edges of §5.2/§5.12 and every injectable fault, over real HTTP. */
class FaultsTest {

    static TapSimulator sim;

    @BeforeAll
    static void start() {
        sim = TapSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    @Test
    void missingRequestIsAnErrorVotableWithHttp200() {
        HttpResponse<byte[]> r = TapClient.post(sim.casdaTapBase(), "LANG=ADQL&QUERY=" + TapClient.enc(Sources.visibility("HIPASSJ1318-21")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TapClient.text(r)).contains("name=\"QUERY_STATUS\" value=\"ERROR\">Missing REQUEST paramater.</INFO>")
                .doesNotContain("<TABLE>");
        HttpResponse<byte[]> other = TapClient.post(sim.casdaTapBase(), "REQUEST=getTables&LANG=ADQL&QUERY=x");
        assertThat(TapClient.text(other)).contains("Unsupported request: getTables");
    }

    @Test
    void parameterNamesAreCaseInsensitiveAndGetWorksToo() throws Exception {
        String id = Sources.oneSbid();
        HttpResponse<byte[]> lower = TapClient.post(sim.vizierTapBase(),
                "request=doQuery&lang=ADQL&format=votable&query=" + TapClient.enc(Sources.hicat(id)));
        assertThat(TapClient.rows(lower.body())).hasSize(1);
        HttpResponse<String> get = TapClient.control(URI.create(sim.casdaTapBase() + "/sync?REQUEST=doQuery&LANG=ADQL&QUERY="
                + TapClient.enc(Sources.visibility(id))), "GET");
        assertThat(get.body()).contains("value=\"OK\"").contains(id + "_A_beam00");
    }

    @Test
    void unsupportedAdqlIsAnErrorVotable_200OnCasda_400OnVizier() {
        HttpResponse<byte[]> casda = TapClient.query(sim.casdaTapBase(), "SELECT * FROM ivoa.obscore", null);
        assertThat(casda.statusCode()).isEqualTo(200);
        assertThat(TapClient.text(casda)).contains("value=\"ERROR\"").contains("must constrain filename");
        HttpResponse<byte[]> vizier = TapClient.query(sim.vizierTapBase(), "SELECT FROM x", null);
        assertThat(vizier.statusCode()).isEqualTo(400);
        assertThat(TapClient.text(vizier)).contains("value=\"ERROR\">Incorrect ADQL query: ");
    }

    @Test
    void unsupportedFormatIsAnError() {
        HttpResponse<byte[]> r = TapClient.query(sim.casdaTapBase(), Sources.visibility("HIPASSJ1318-21"), "csv");
        assertThat(TapClient.text(r)).contains("value=\"ERROR\"").contains("Unsupported FORMAT");
    }

    @Test
    void availability() {
        URI uri = URI.create(sim.casdaTapBase() + "/availability");
        assertThat(TapClient.control(uri, "GET").body()).contains("<vosi:available>true</vosi:available>");
        sim.casda().faults().available(false);
        assertThat(TapClient.control(uri, "GET").body()).contains("<vosi:available>false</vosi:available>");
    }

    @Test
    void aSeededFractionOfRequestsFailsReproducibly() {
        List<Integer> first = statuses(0.5, 503, 42);
        sim.reset();
        List<Integer> second = statuses(0.5, 503, 42);
        assertThat(first).isEqualTo(second).containsOnly(200, 503);
        long failed = first.stream().filter(s -> s == 503).count();
        assertThat(failed).isBetween(10L, 30L);
        sim.reset();
        assertThat(statuses(1.0, 500, 1)).containsOnly(500);
    }

    private List<Integer> statuses(double p, int status, long seed) {
        sim.casda().faults().failFraction(p, status, seed);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(TapClient.query(sim.casdaTapBase(), Sources.visibility("HIPASSJ1318-21"), null).statusCode());
        }
        return out;
    }

    @Test
    void queryStatusErrorForANamedSourceOnly() throws Exception {
        String bad = Sources.oneSbid();
        String good = Sources.twoEpochs();
        sim.casda().faults().errorFor(bad);
        sim.vizier().faults().errorFor(bad);
        HttpResponse<byte[]> r = TapClient.query(sim.casdaTapBase(), Sources.visibility(bad), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TapClient.text(r)).contains("value=\"ERROR\"").contains(bad);
        assertThat(TapClient.text(TapClient.query(sim.vizierTapBase(), Sources.hicat(bad), null))).contains("value=\"ERROR\"");
        assertThat(TapClient.rows(TapClient.query(sim.casdaTapBase(), Sources.visibility(good), null).body()))
                .hasSize(WallabyArchive.BEAMS);
    }

    @Test
    void truncatedXmlCannotBeParsed() {
        sim.casda().faults().truncate(true);
        HttpResponse<byte[]> r = TapClient.query(sim.casdaTapBase(), Sources.visibility(Sources.oneSbid()), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TapClient.text(r)).doesNotContain("</VOTABLE>");
        assertThatThrownBy(() -> TapClient.rows(r.body())).isInstanceOf(Exception.class);
    }

    @Test
    void slowReplies() {
        sim.vizier().faults().delay(300);
        long t0 = System.nanoTime();
        TapClient.query(sim.vizierTapBase(), Sources.hicat("HIPASSJ1318-21"), null);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void dataChangedAddsANewLatestSbid() throws Exception {
        String id = Sources.oneSbid();
        int sbid = sim.archive().addSbid(id);
        List<List<Object>> rows = TapClient.rows(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null).body());
        assertThat(rows).hasSize(WallabyArchive.BEAMS).allSatisfy(row -> assertThat(row.get(3)).isEqualTo("ASKAP-" + sbid));
    }

    @Test
    void callsAreCountedPerTableAndSourceUnderConcurrency() throws Exception {
        String a = Sources.oneSbid();
        String b = Sources.twoEpochs();
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = t % 2 == 0 ? a : b;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    assertThat(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null).statusCode()).isEqualTo(200);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(sim.casda().count("ivoa.obscore", a)).isEqualTo(threads / 2 * each);
        assertThat(sim.casda().count("ivoa.obscore", b)).isEqualTo(threads / 2 * each);
        assertThat(sim.casda().requests()).isEqualTo(threads * each);
        TapClient.query(sim.vizierTapBase(), Sources.hicat(a), null);
        assertThat(sim.vizier().count("VIII/73/hicat", a.substring(6))).isEqualTo(1);
    }

    @Test
    void theControlApiOverHttp() {
        URI base = sim.baseUri();
        String id = Sources.oneSbid();
        assertThat(TapClient.control(URI.create(base + "/_control/casda/fail?p=1&status=500"), "POST").statusCode()).isEqualTo(200);
        assertThat(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null).statusCode()).isEqualTo(500);
        assertThat(TapClient.control(URI.create(base + "/_control/casda/reset"), "POST").statusCode()).isEqualTo(200);
        assertThat(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null).statusCode()).isEqualTo(200);

        TapClient.control(URI.create(base + "/_control/casda/error?source=" + id), "POST");
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null))).contains("value=\"ERROR\"");
        TapClient.control(URI.create(base + "/_control/casda/truncate?on=true"), "POST");
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null))).doesNotContain("</VOTABLE>");
        TapClient.control(URI.create(base + "/_control/casda/delay?ms=1"), "POST");
        TapClient.control(URI.create(base + "/_control/vizier/available?on=false"), "POST");
        assertThat(TapClient.control(URI.create(sim.vizierTapBase() + "/availability"), "GET").body()).contains(">false<");

        String counts = TapClient.control(URI.create(base + "/_control/casda/counts"), "GET").body();
        assertThat(counts).contains("\"ivoa.obscore|" + id + "\":3");

        HttpResponse<String> added = TapClient.control(URI.create(base + "/_control/add-sbid?source=" + id), "POST");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(TapClient.control(URI.create(base + "/_control/reset"), "POST").statusCode()).isEqualTo(200);
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null)))
                .doesNotContain("ASKAP-" + added.body().trim());

        assertThat(TapClient.control(URI.create(base + "/_control/casda/fail?p=2"), "POST").statusCode()).isEqualTo(400);
        assertThat(TapClient.control(URI.create(base + "/_control/nope"), "POST").statusCode()).isEqualTo(400);
    }

    @Test
    void theDefaultSerializationCanBeSwitchedAndTheRowsStayTheSame() throws Exception {
        String id = Sources.oneSbid();
        byte[] binary = TapClient.query(sim.vizierTapBase(), Sources.hicat(id), "votable").body();
        assertThat(new String(binary, java.nio.charset.StandardCharsets.UTF_8)).contains("<BINARY>").doesNotContain("<TABLEDATA>");

        sim.vizier().faults().serialization(VoTableWriter.Serialization.TABLEDATA);
        byte[] tabledata = TapClient.query(sim.vizierTapBase(), Sources.hicat(id), null).body();
        assertThat(new String(tabledata, java.nio.charset.StandardCharsets.UTF_8)).contains("<TABLEDATA>").doesNotContain("<BINARY>");
        assertThat(TapClient.rows(tabledata)).isEqualTo(TapClient.rows(binary));
        // an explicit FORMAT still wins over the switched default
        assertThat(TapClient.text(TapClient.query(sim.vizierTapBase(), Sources.hicat(id), "votable/b"))).contains("<BINARY>");

        URI control = URI.create(sim.baseUri() + "/_control/casda/serialization?format=b");
        assertThat(TapClient.control(control, "POST").statusCode()).isEqualTo(200);
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), "votable"))).contains("<BINARY>");
        assertThat(TapClient.control(URI.create(sim.baseUri() + "/_control/casda/serialization?format=csv"), "POST").statusCode())
                .isEqualTo(400);
        assertThat(TapClient.control(URI.create(sim.baseUri() + "/_control/casda/serialization?format=default"), "POST").statusCode())
                .isEqualTo(200);
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), null))).contains("<TABLEDATA>");

        sim.reset();
        assertThat(TapClient.text(TapClient.query(sim.vizierTapBase(), Sources.hicat(id), null))).contains("<BINARY>");
    }
}
