package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TAP async (UWS) over real HTTP: create → 303, run, poll the phase, fetch the result, abort, delete. */
class AsyncTapTest {

    static TapSimulator sim;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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

    private static HttpResponse<byte[]> send(String method, URI uri, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI create(URI tapBase, String adql, boolean run) throws Exception {
        HttpResponse<byte[]> r = send("POST", URI.create(tapBase + "/async"), "REQUEST=doQuery&LANG=ADQL&QUERY="
                + TapClient.enc(adql) + (run ? "&PHASE=RUN" : ""));
        assertThat(r.statusCode()).isEqualTo(303);
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    private static String awaitFinal(URI job) throws Exception {
        for (int i = 0; i < 200; i++) {
            String phase = new String(send("GET", URI.create(job + "/phase"), null).body());
            if (!phase.equals("EXECUTING") && !phase.equals("PENDING") && !phase.equals("QUEUED")) {
                return phase;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job never finished");
    }

    @Test
    void aJobRunsAndItsResultIsTheSyncResult() throws Exception {
        String id = Sources.oneSbid();
        URI job = create(sim.casdaTapBase(), Sources.visibility(id), false);
        assertThat(job.toString()).startsWith(sim.casdaTapBase() + "/async/");
        assertThat(new String(send("GET", URI.create(job + "/phase"), null).body())).isEqualTo("PENDING");
        assertThat(send("POST", URI.create(job + "/phase"), "PHASE=RUN").statusCode()).isEqualTo(303);
        assertThat(awaitFinal(job)).isEqualTo("COMPLETED");
        assertThat(new String(send("GET", job, null).body())).contains("<uws:phase>COMPLETED</uws:phase>")
                .contains("version=\"1.1\"").contains("/results/result");
        HttpResponse<byte[]> result = send("GET", URI.create(job + "/results/result"), null);
        assertThat(TapClient.rows(result.body())).hasSize(WallabyArchive.BEAMS);
        assertThat(sim.casda().count("ivoa.obscore", id)).isEqualTo(1);
    }

    @Test
    void phaseRunOnCreateAndVizierBinary() throws Exception {
        URI job = create(sim.vizierTapBase(), Sources.hicat(Sources.oneSbid()), true);
        assertThat(awaitFinal(job)).isEqualTo("COMPLETED");
        assertThat(TapClient.text(send("GET", URI.create(job + "/results/result"), null))).contains("<BINARY>");
    }

    @Test
    void aFailingQueryEndsInErrorWithAnErrorDocument() throws Exception {
        URI job = create(sim.casdaTapBase(), "SELECT * FROM ivoa.obscore", true);
        assertThat(awaitFinal(job)).isEqualTo("ERROR");
        assertThat(TapClient.text(send("GET", URI.create(job + "/error"), null))).contains("value=\"ERROR\"");
        assertThat(send("GET", URI.create(job + "/results/result"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void abortWhileExecutingAndDelete() throws Exception {
        sim.casda().faults().delay(2000);
        URI job = create(sim.casdaTapBase(), Sources.visibility(Sources.oneSbid()), true);
        assertThat(new String(send("GET", URI.create(job + "/phase"), null).body())).isEqualTo("EXECUTING");
        send("POST", URI.create(job + "/phase"), "PHASE=ABORT");
        assertThat(new String(send("GET", URI.create(job + "/phase"), null).body())).isEqualTo("ABORTED");
        assertThat(send("DELETE", job, null).statusCode()).isEqualTo(303);
        assertThat(send("GET", job, null).statusCode()).isEqualTo(404);
        URI other = create(sim.casdaTapBase(), Sources.visibility(Sources.oneSbid()), false);
        assertThat(send("POST", other, "ACTION=DELETE").statusCode()).isEqualTo(303);
        assertThat(send("GET", URI.create(other + "/phase"), null).statusCode()).isEqualTo(404);
    }
}
