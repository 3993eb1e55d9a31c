package dev.beampipe.worker.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.simulators.tap.SodaStaging;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapSettings;
import dev.beampipe.worker.discovery.tap.VotableTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** CasdaStaging against the CASDA simulator over real HTTP (DataLink, SODA async, signed downloads, Basic auth). */
class CasdaStagingTest {

    static final String USER = "opal-user";
    static final String PASSWORD = "pw-Xk93-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static TapSimulator sim;

    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

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
        sim.casdaAuth().require(USER, PASSWORD);
        sim.staging().executingMillis(150);
    }

    CasdaStaging stager(String password, Duration interval, Duration budget) {
        CasdaStagingSettings settings = CasdaStagingSettings.defaults().withLoginUrl(sim.casdaLogin())
                .withPolling(interval, budget);
        return new CasdaStaging(new CasdaCredentials(USER, password), settings, Clock.systemUTC(), d -> {
            sleeps.add(d);
            Thread.sleep(d.toMillis());
        });
    }

    CasdaStaging stager() {
        return stager(PASSWORD, Duration.ofMillis(25), Duration.ofSeconds(20));
    }

    /** The evaluation archive of an SBID as the simulator's CASDA TAP lists it, its DataLink URL pointing at the simulator. */
    static String[] evaluation(int sbid) throws Exception {
        TapClient tap = new TapClient(new TapSettings(Duration.ofSeconds(10), 0), Optional.empty());
        VotableTable table = tap.querySync(sim.casdaTapBase().toString(),
                "SELECT * FROM casda.observation_evaluation_file WHERE sbid = '" + sbid + "'");
        Map<String, String> row = table.rows().stream().filter(r -> r.get("format").equals("calibration")).findFirst()
                .orElseThrow();
        return new String[] {row.get("filename"), local(row.get("access_url"))};
    }

    static String local(String casdaDataLinkUrl) {
        return sim.casdaDataLink() + casdaDataLinkUrl.substring(casdaDataLinkUrl.indexOf('?'));
    }

    /** One visibility record of {@code sbid}, beam {@code beam}, with its evaluation archive. */
    static ObjectNode record(int sbid, int beam) throws Exception {
        String did = "scan-" + (100000 + sbid * 7) + "-" + beam;
        String file = String.format("HIPASSJ1318-21_A_beam%02d_10arc_split.ms.tar", beam + sbid % 100);
        sim.staging().fileName(did, file);
        String[] eval = evaluation(sbid);
        ObjectNode r = JSON.createObjectNode();
        r.put("sbid", String.valueOf(sbid));
        r.put("obs_id", "ASKAP-" + sbid);
        r.put("obs_publisher_did", did);
        r.put("filename", file);
        r.put("access_url", local("https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=" + did));
        r.put("evaluation_file", eval[0]);
        r.put("evaluation_file_access_url", eval[1]);
        return r;
    }

    static List<ObjectNode> twoSbids() throws Exception {
        return List.of(record(2345, 0), record(1234, 0), record(2345, 1), record(1234, 1));
    }

    static void assertNoNetworkCall() {
        assertThat(sim.casdaAuth().logins()).isZero();
        assertThat(sim.casdaAuth().rejected()).isZero();
        assertThat(sim.casda().counts().keySet()).noneMatch(k -> k.startsWith("datalink|"));
        assertThat(sim.staging().counts()).isEmpty();
    }

    @Test
    void twoSbidsAreStagedWithOneJobPerSbidAndOneForTheEvaluationArchives() throws Exception {
        List<ObjectNode> records = twoSbids();
        sim.casda().resetCounts();
        CasdaStagingOutcome outcome = stager().stage(records);

        assertThat(outcome.stagedCount()).isEqualTo(4);
        assertThat(outcome.jobs()).isEqualTo(3);
        assertThat(outcome.evaluationUrlsBySbid()).containsOnlyKeys("1234", "2345");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode in = records.get(i);
            ObjectNode out = outcome.records().get(i);
            assertThat(out.get("filename")).isEqualTo(in.get("filename"));
            assertThat(in.has("staged_url")).as("inputs are not modified").isFalse();
            String file = in.get("filename").asText();
            String staged = out.get("staged_url").asText();
            assertThat(staged).contains("/" + file + "?").contains("X-Amz-Signature=").contains("%2B");
            assertThat(out.get("checksum_url").asText()).endsWith("/" + file + ".checksum");
            // the URL was decoded exactly once: the signature still verifies and the bytes are the file's
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(staged)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(SodaStaging.content(file));
            String sbid = in.get("sbid").asText();
            assertThat(out.get("evaluation_file_url").asText()).isEqualTo(outcome.evaluationUrlsBySbid().get(sbid))
                    .contains("/" + in.get("evaluation_file").asText() + "?");
            assertThat(out.get("evaluation_file_checksum_url").asText())
                    .endsWith("/" + in.get("evaluation_file").asText() + ".checksum");
        }
        assertThat(sim.casdaAuth().logins()).isEqualTo(1);
        assertThat(sim.casdaAuth().rejected()).as("Basic auth on every DataLink call").isZero();
        assertThat(sim.staging().count("create")).isEqualTo(3);
        assertThat(sim.staging().count("run")).isEqualTo(3);
        assertThat(sim.staging().count("results")).isEqualTo(3);
        assertThat(sim.casda().dataLinkCount("scan-108638-0")).isEqualTo(1);
        assertThat(sim.casda().dataLinkCount("evaluation-12341")).isEqualTo(1);
        assertThat(sim.casda().dataLinkCount("evaluation-23451")).isEqualTo(1);
        assertThat(sleeps).isNotEmpty().allMatch(d -> d.equals(Duration.ofMillis(25)));
        assertThat(outcome.toString()).doesNotContain("http").contains("staged=4");
    }

    @Test
    void emptyInputIsAnEmptyOutcomeWithoutNetwork() throws Exception {
        assertThat(stager().stage(List.of()).stagedCount()).isZero();
        assertNoNetworkCall();
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("sbid missing", (Consumer<ObjectNode>) r -> r.remove("sbid"),
                        "CASDA staging record 1 has no string sbid"),
                Arguments.of("sbid numeric", (Consumer<ObjectNode>) r -> r.put("sbid", 2345),
                        "CASDA staging record 1 has no string sbid"),
                Arguments.of("no evaluation at all", (Consumer<ObjectNode>) r -> {
                    r.remove("evaluation_file");
                    r.remove("evaluation_file_access_url");
                }, "no calibration evaluation archives in CASDA staging metadata"),
                Arguments.of("other SBID's archive", (Consumer<ObjectNode>) r -> r.put("evaluation_file",
                        "calibration-metadata-processing-logs-SB1234_20231103.tar"),
                        "SBID 2345 evaluation_file is not a calibration metadata archive"),
                Arguments.of("not a tar", (Consumer<ObjectNode>) r -> r.put("evaluation_file",
                        "calibration-metadata-processing-logs-SB2345_20230622.zip"),
                        "SBID 2345 evaluation_file is not a calibration metadata archive"),
                Arguments.of("no access url", (Consumer<ObjectNode>) r -> r.put("evaluation_file_access_url", " "),
                        "SBID 2345 is missing evaluation_file_access_url"),
                Arguments.of("disagreeing records", (Consumer<ObjectNode>) r -> r.put("evaluation_file_access_url",
                        "https://example.org/datalink?ID=evaluation-1"),
                        "SBID 2345 has inconsistent evaluation staging metadata"),
                Arguments.of("no visibility access url", (Consumer<ObjectNode>) r -> r.remove("access_url"),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidRecordsFailBeforeAnyNetworkCall(String name, Consumer<ObjectNode> spoil, String message) throws Exception {
        List<ObjectNode> records = twoSbids();
        ObjectNode first = records.get(0);
        spoil.accept(first);
        if (name.equals("no evaluation at all")) {
            records.forEach(spoil);
        }
        if (name.equals("no visibility access url")) {
            records.stream().filter(r -> r.get("sbid").asText().equals("2345")).forEach(r -> r.remove("access_url"));
            message = "no access_url in metadata for CASDA visibility staging";
        }
        sim.casda().resetCounts();
        CasdaStagingException e = catchThrowableOfType(() -> stager().stage(records), CasdaStagingException.class);
        assertThat(e.kind()).isEqualTo(StagingFailureKind.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo(message);
        assertNoNetworkCall();
    }

    @Test
    void wrongCredentialsFailAtLoginWithoutTheSecretInTheMessage() throws Exception {
        List<ObjectNode> records = twoSbids();
        sim.casda().resetCounts();
        CasdaStagingException e = catchThrowableOfType(
                () -> stager("not-" + PASSWORD, Duration.ofMillis(25), Duration.ofSeconds(5)).stage(records),
                CasdaStagingException.class);
        assertThat(e.kind()).isEqualTo(StagingFailureKind.LOGIN_FAILED);
        assertThat(e.getMessage()).isEqualTo("CASDA login failed: HTTP 401 (" + sim.casdaLogin() + ")")
                .doesNotContain(PASSWORD);
        assertThat(sim.casdaAuth().rejected()).isEqualTo(1);
        assertThat(sim.casda().counts().keySet()).noneMatch(k -> k.startsWith("datalink|"));
        assertThat(sim.staging().count("create")).isZero();
    }

    @Test
    void aDataLinkPermissionRowIsAPermissionDeniedFailureAndNoJobIsCreated() throws Exception {
        List<ObjectNode> records = twoSbids();
        sim.casda().faults().errorFor("scan-108638-1");
        CasdaStagingException e = catchThrowableOfType(() -> stager().stage(records), CasdaStagingException.class);
        assertThat(e.kind()).isEqualTo(StagingFailureKind.PERMISSION_DENIED);
        assertThat(e.getMessage()).isEqualTo("CASDA denied access to scan-108638-1 (batch 1234): DefaultFault: Sorry,"
                + " but you do not have permission to access this data product");
        assertThat(sim.staging().count("create")).isZero();
    }

    @Test
    void aJobEndingInErrorIsAJobFailureCarryingTheErrorSummary() throws Exception {
        List<ObjectNode> records = twoSbids();
        sim.staging().errorFor("scan-116415-0");
        CasdaStagingException e = catchThrowableOfType(() -> stager().stage(records), CasdaStagingException.class);
        assertThat(e.kind()).isEqualTo(StagingFailureKind.JOB_FAILED);
        assertThat(e.getMessage()).startsWith("CASDA staging job ended with status ERROR: Data product scan-116415-0"
                + " could not be retrieved from the archive (" + sim.casdaStagingBase() + "/");
        assertThat(sim.staging().count("create")).as("the 1234 batch succeeded first").isEqualTo(2);
    }

    @Test
    void aJobStillExecutingWhenTheBudgetEndsIsPollBudgetExhausted() throws Exception {
        List<ObjectNode> records = twoSbids();
        sim.staging().executingMillis(60_000);
        long start = System.nanoTime();
        CasdaStagingException e = catchThrowableOfType(
                () -> stager(PASSWORD, Duration.ofMillis(50), Duration.ofMillis(400)).stage(records),
                CasdaStagingException.class);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.kind()).isEqualTo(StagingFailureKind.POLL_BUDGET_EXHAUSTED);
        assertThat(e.getMessage()).startsWith("CASDA staging job " + sim.casdaStagingBase() + "/")
                .endsWith(" still EXECUTING after the poll budget of 400 ms");
        assertThat(tookMs).isLessThan(5_000);
        assertThat(sim.staging().count("poll")).isBetween(3, 10);
    }

    @Test
    void theDefaultPollBudgetIsThirtyMinutes() {
        assertThat(CasdaStagingSettings.defaults().pollBudget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(CasdaStagingSettings.fromEnv(Map.of("BEAMPIPE_CASDA_STAGING_POLL_BUDGET_SECONDS", "90",
                "CASDA_STAGE_BY_SBID", "no")))
                .satisfies(s -> assertThat(s.pollBudget()).isEqualTo(Duration.ofSeconds(90)))
                .satisfies(s -> assertThat(s.stageBySbid()).isFalse())
                .satisfies(s -> assertThat(s.loginUrl()).isEqualTo(CasdaStagingSettings.DEFAULT_LOGIN_URL));
        assertThatThrownBy(() -> CasdaStagingSettings.fromEnv(Map.of("BEAMPIPE_CASDA_STAGING_POLL_BUDGET_SECONDS", "0")))
                .hasMessage("CASDA staging poll budget must be > 0");
    }

    @Test
    void combinedBatchUsesOneVisibilityJob() throws Exception {
        List<ObjectNode> records = twoSbids();
        CasdaStaging combined = new CasdaStaging(new CasdaCredentials(USER, PASSWORD), CasdaStagingSettings.defaults()
                .withLoginUrl(sim.casdaLogin()).withPolling(Duration.ofMillis(25), Duration.ofSeconds(20))
                .withStageBySbid(false), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        assertThat(combined.stage(records).jobs()).isEqualTo(2);
        assertThat(sim.staging().count("create")).isEqualTo(2);
    }
}
