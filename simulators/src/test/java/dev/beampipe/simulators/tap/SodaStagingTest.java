package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** SODA async staging, downloads and Basic auth over real HTTP (40-backends §5.5–5.8, §10.4). */
class SodaStagingTest {

    static TapSimulator sim;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";

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

    static HttpResponse<String> send(String method, URI uri, String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, form == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String id) throws Exception {
        String body = send("GET", URI.create(sim.casdaDataLink() + "?ID=" + id), null, null).body();
        Matcher m = Pattern.compile("<TD>async_service</TD>(?:<TD>[^<]*</TD>){5}<TD>([0-9a-f]+)</TD>").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String phase(URI job) throws Exception {
        return send("GET", URI.create(job + "/phase"), null, null).body();
    }

    static URI createAndRun(String... ids) throws Exception {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.length() == 0 ? "?" : "&").append("ID=").append(token(id));
        }
        HttpResponse<String> created = send("POST", URI.create(sim.casdaStagingBase() + query.toString()), "", null);
        assertThat(created.statusCode()).isEqualTo(303);
        URI job = URI.create(created.headers().firstValue("Location").orElseThrow());
        assertThat(created.body()).hasSize(36).isEqualTo(job.getPath().substring(job.getPath().lastIndexOf('/') + 1));
        assertThat(phase(job)).isEqualTo("PENDING");
        HttpResponse<String> run = send("POST", URI.create(job + "/phase"), "phase=RUN", null);
        assertThat(run.statusCode()).isEqualTo(303);
        assertThat(run.headers().firstValue("Location")).contains(job.toString());
        return job;
    }

    static void awaitFinal(URI job) throws Exception {
        for (int i = 0; i < 200 && !java.util.Set.of("COMPLETED", "ERROR", "ABORTED").contains(phase(job)); i++) {
            Thread.sleep(20);
        }
    }

    /** result id → href decoded once. */
    static Map<String, String> results(Document doc) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList results = doc.getElementsByTagNameNS(UWS, "result");
        for (int i = 0; i < results.getLength(); i++) {
            Element e = (Element) results.item(i);
            out.put(e.getAttribute("id"), URLDecoder.decode(e.getAttributeNS(XLINK, "href"), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aJobRunsThroughExecutingToCompletedWithSignedDownloadsAndChecksums() throws Exception {
        sim.staging().executingMillis(300).fileName("scan-100007-3", "HIPASSJ1318-21_A_beam03_10arc_split.ms.tar");
        URI job = createAndRun("scan-100007-3", "evaluation-12341");
        assertThat(phase(job)).isEqualTo("EXECUTING");
        assertThat(send("POST", URI.create(job + "/phase"), "phase=RUN", null))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("Only Jobs which are PENDING can be run"));
        awaitFinal(job);
        assertThat(phase(job)).isEqualTo("COMPLETED");

        String jobXml = send("GET", job, null, null).body();
        Document doc = xml(jobXml);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(UWS);
        assertThat(doc.getDocumentElement().hasAttribute("version")).isFalse();
        assertThat(jobXml).contains("<uws:jobId><![CDATA[").contains("<uws:parameter id=\"id\">{")
                .contains("<uws:errorSummary xsi:nil=\"true\"/>").contains("<uws:executionDuration>0<");
        Map<String, String> results = results(doc);
        assertThat(results).containsOnlyKeys("visibility-100007-3", "visibility-100007-3.checksum",
                "evaluation-12341", "evaluation-12341.checksum");
        assertThat(results(xml(send("GET", URI.create(job + "/results"), null, null).body()))).isEqualTo(results);

        // hrefs are the whole URL percent-encoded once: decoding once keeps %2B in the signature
        String data = results.get("visibility-100007-3");
        assertThat(data).contains("/HIPASSJ1318-21_A_beam03_10arc_split.ms.tar?").contains("X-Amz-Signature=")
                .contains("%2B").contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(data)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(SodaStaging.content("HIPASSJ1318-21_A_beam03_10arc_split.ms.tar"));
        String checksum = send("GET", URI.create(results.get("visibility-100007-3.checksum")), null, null).body();
        assertThat(checksum).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()))
                + "  HIPASSJ1318-21_A_beam03_10arc_split.ms.tar\n");
        assertThat(results.get("evaluation-12341")).contains("/calibration-metadata-processing-logs-SB1234_20231103.tar?");

        // decoding twice turns %2B into '+', i.e. a space: the signature no longer matches
        String twice = URLDecoder.decode(data, StandardCharsets.UTF_8);
        HttpResponse<String> denied = send("GET", URI.create(twice.replace(" ", "%20").replace("\"", "%22")), null, null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("SignatureDoesNotMatch");

        assertThat(sim.staging().count("create")).isEqualTo(1);
        assertThat(sim.staging().count("run")).isEqualTo(2);
        assertThat(sim.staging().count("download")).isEqualTo(2);
        assertThat(sim.staging().count("download-denied")).isEqualTo(1);

        assertThat(send("DELETE", job, null, null).statusCode()).isEqualTo(303);
        assertThat(send("GET", job, null, null)).satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
                .satisfies(r -> assertThat(r.body()).contains("No job with id '"));
    }

    @Test
    void aVisibilityTheTapListedIsStagedUnderItsArchiveFileName() throws Exception {
        byte[] votable = TapClient.query(sim.casdaTapBase(), "SELECT access_url, filename FROM ivoa.obscore "
                + "WHERE filename LIKE 'HIPASSJ1318-21%'", "votable").body();
        java.util.List<Object> row = TapClient.rows(votable).get(0);
        String id = ((String) row.get(0)).substring(((String) row.get(0)).indexOf("?ID=") + 4);
        String filename = (String) row.get(1);
        URI job = createAndRun(id);
        awaitFinal(job);
        String data = results(xml(send("GET", job, null, null).body())).get(SodaStaging.resultId(id));
        assertThat(data).as("staged URL of " + id).contains("/" + filename + "?");
        sim.reset();
        assertThat(results(xml(send("GET", createAndRunAndWait(id), null, null).body())).get(SodaStaging.resultId(id)))
                .as("the archive name survives a reset (it is not a fault)").contains("/" + filename + "?");
    }

    static URI createAndRunAndWait(String id) throws Exception {
        URI job = createAndRun(id);
        awaitFinal(job);
        return job;
    }

    @Test
    void aJobHoldingAFailingProductEndsInErrorWithASummaryAndNoResults() throws Exception {
        sim.staging().errorFor("scan-5-1");
        URI job = createAndRun("scan-5-0", "scan-5-1");
        awaitFinal(job);
        String jobXml = send("GET", job, null, null).body();
        assertThat(phase(job)).isEqualTo("ERROR");
        assertThat(jobXml).contains("<uws:errorSummary type=\"FATAL\" hasDetail=\"false\"><uws:message>")
                .contains("scan-5-1");
        assertThat(results(xml(jobXml))).isEmpty();
    }

    @Test
    void expiredUrlsAreRefusedAndExpiredJobsAreGone() throws Exception {
        sim.staging().urlLifetime(Duration.ZERO);
        URI job = createAndRun("visibility-9");
        awaitFinal(job);
        String data = results(xml(send("GET", job, null, null).body())).get("visibility-9");
        HttpResponse<String> expired = send("GET", URI.create(data), null, null);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("Request has expired");

        String id = job.getPath().substring(job.getPath().lastIndexOf('/') + 1);
        sim.staging().expire(id);
        assertThat(send("GET", job, null, null)).satisfies(r -> assertThat(r.statusCode()).isEqualTo(410))
                .satisfies(r -> assertThat(r.body()).contains("Job with id '" + id + "' has expired"));
    }

    @Test
    void protocolEdges() throws Exception {
        assertThat(send("POST", sim.casdaStagingBase(), "", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", URI.create(sim.casdaStagingBase() + "?ID=forged"), "", null).statusCode()).isEqualTo(400);
        // parameter names are case-insensitive; ABORT from PENDING; an unknown phase is 400
        HttpResponse<String> created = send("POST", URI.create(sim.casdaStagingBase() + "?id=" + token("cube-1")), "", null);
        URI job = URI.create(created.headers().firstValue("Location").orElseThrow());
        assertThat(send("POST", URI.create(job + "/phase"), "PHASE=SUSPEND", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", URI.create(job + "/phase"), "phase=ABORT", null).statusCode()).isEqualTo(303);
        assertThat(phase(job)).isEqualTo("ABORTED");
        assertThat(send("POST", URI.create(job + "/phase"), "phase=RUN", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", job, "ACTION=DELETE", null).statusCode()).isEqualTo(303);
        assertThat(send("GET", job, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void basicAuthGuardsDataLinkAndTheLoginProbeOnceCredentialsAreConfigured() throws Exception {
        URI links = URI.create(sim.casdaDataLink() + "?ID=scan-1-1");
        assertThat(send("GET", links, null, null).statusCode()).isEqualTo(200);
        sim.casdaAuth().require("opal-user", "s3cret");
        String good = "Basic " + Base64.getEncoder().encodeToString("opal-user:s3cret".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("opal-user:wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> anonymous = send("GET", links, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"ATNF OPAL Login\"");
        assertThat(send("GET", links, null, bad).statusCode()).isEqualTo(401);
        assertThat(send("GET", links, null, good).statusCode()).isEqualTo(200);
        assertThat(send("GET", sim.casdaLogin(), null, bad).statusCode()).isEqualTo(401);
        HttpResponse<String> login = send("GET", sim.casdaLogin(), null, good);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<available>true</available>");
        assertThat(sim.casdaAuth().rejected()).isEqualTo(3);
        assertThat(sim.casdaAuth().logins()).isEqualTo(1);
        assertThat(sim.casda().dataLinkCount("scan-1-1")).isEqualTo(2);
    }

    @Test
    void racingRunsOnOnePendingJobStartItExactlyOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            HttpResponse<String> created = send("POST", URI.create(sim.casdaStagingBase() + "?ID=" + token("cube-" + round)),
                    "", null);
            URI job = URI.create(created.headers().firstValue("Location").orElseThrow());
            int threads = 8;
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    runs.add(pool.submit(() -> {
                        barrier.await();
                        return send("POST", URI.create(job + "/phase"), "phase=RUN", null).statusCode();
                    }));
                }
                java.util.List<Integer> statuses = new java.util.ArrayList<>();
                for (var f : runs) {
                    statuses.add(f.get());
                }
                assertThat(statuses).filteredOn(s -> s == 303).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 400).hasSize(threads - 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void referenceCompatibilityAlsoEmitsReferenceText() throws Exception {
        sim.staging().referenceCompat(true);
        URI job = createAndRun("visibility-3");
        awaitFinal(job);
        Document doc = xml(send("GET", job, null, null).body());
        NodeList refs = doc.getElementsByTagNameNS(UWS, "reference");
        assertThat(refs.getLength()).isEqualTo(2);
        assertThat(refs.item(0).getTextContent()).isEqualTo(results(doc).get("visibility-3"));
    }
}
