package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.json;
import static dev.beampipe.model.discovery.pipeline.Json.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.Utf8Order;
import dev.beampipe.model.config.model.ProjectConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference WALLABY HiRes config (read from ../shared/reference) discovering {@code HIPASSJ1317-16}, as in
 * 30-project-config §7.1, and the calibration-archive cases of 10-state-and-jobs §7.2 item 20.
 */
class WallabySourceDiscoveryTest {

    private static final String SOURCE = "HIPASSJ1317-16";
    private static final String BEAM00 = "HIPASSJ1317-16_A_beam00_10arc_split.ms.tar";
    private static final String BEAM01 = "HIPASSJ1317-16_A_beam01_10arc_split.ms.tar";
    private static final String OLDER = "calibration-metadata-processing-logs-SB72962_2025-04-17-101010.tar";
    private static final String NEWEST = "calibration-metadata-processing-logs-SB72962_2025-04-21-093000.tar";
    // matches the query's LIKE ('_' is a one-character wildcard) but belongs to SBID 729621
    private static final String OTHER_SBID = "calibration-metadata-processing-logs-SB729621_2025-05-01-000000.tar";

    private static final String VISIBILITY_ADQL = """
            SELECT o.* FROM ivoa.obscore o
            INNER JOIN (
              SELECT MAX(t_max) AS mx FROM ivoa.obscore
              WHERE filename LIKE 'HIPASSJ1317-16%'
              AND obs_collection IN ('ASKAP Pilot Survey for WALLABY', 'WALLABY')
            ) AS latest ON o.t_max = latest.mx
            WHERE o.filename LIKE 'HIPASSJ1317-16%'
            AND o.obs_collection IN ('ASKAP Pilot Survey for WALLABY', 'WALLABY')
            """;
    private static final String VIZIER_ADQL = """
            SELECT HIPASS, RAJ2000, DEJ2000, RV50max, RV50min, RVmom
            FROM "VIII/73/hicat" WHERE HIPASS = 'J1317-16'
            """;
    private static final String EVAL_FILE_ADQL = """
            SELECT * FROM casda.observation_evaluation_file
            WHERE sbid = '72962'
            AND format = 'calibration'
            AND filename LIKE 'calibration-metadata-processing-logs-SB72962_%.tar'
            """;

    private static ObjectNode visibility(String filename, String did) {
        return row("{'access_url':'https://casda.example/datalink?ID=" + did + "','dataproduct_type':'visibility',"
                + "'filename':'" + filename + "','filesize':'52428800','obs_collection':'WALLABY',"
                + "'obs_id':'ASKAP-72962','obs_publisher_did':'" + did + "','t_max':'60781.52','t_min':'60781.11'}");
    }

    private static ObjectNode evalFile(String filename, String size) {
        return row("{'access_url':'https://casda.example/eval/" + filename + "','filename':'" + filename + "',"
                + "'filesize':'" + size + "','format':'calibration','sbid':'72962'}");
    }

    private static final ObjectNode HICAT = row("{'DEJ2000':'-16.6242','HIPASS':'J1317-16','RAJ2000':'199.3696',"
            + "'RV50max':'2600.1','RV50min':'2410.4','RVmom':'2505.3'}");

    private static InMemoryArchive archive(List<ObjectNode> evalFiles) {
        return new InMemoryArchive()
                .answer("casda", "FROM ivoa.obscore", List.of(visibility(BEAM00, "scan-600001"),
                        visibility(BEAM01, "scan-600002")))
                .answer("vizier", "VIII/73/hicat", List.of(HICAT))
                .answer("casda", "casda.observation_evaluation_file", evalFiles);
    }

    private static final List<ObjectNode> EVAL_FILES = List.of(
            evalFile(OLDER, "4096"), evalFile(NEWEST, "4096"), evalFile(OTHER_SBID, "999999"));

    @Test
    void discoversTheWalkThroughSource() throws InterruptedException {
        ProjectConfig wallaby = Json.wallaby();
        InMemoryArchive archive = archive(EVAL_FILES);

        SourceOutcome outcome = new SourceDiscovery(wallaby).discover(SOURCE, archive);

        assertThat(archive.calls()).containsExactly(
                new InMemoryArchive.Call("casda", VISIBILITY_ADQL),
                new InMemoryArchive.Call("vizier", VIZIER_ADQL),
                new InMemoryArchive.Call("casda", EVAL_FILE_ADQL));
        assertThat(outcome).isInstanceOf(SourceOutcome.Prepared.class);
        SourceOutcome.Prepared prepared = (SourceOutcome.Prepared) outcome;

        assertThat(prepared.flags()).isEqualTo(json("{'dec_string':'-16.37.27.12','ra_dec_vsys_complete':true,"
                + "'ra_string':'13h17m28.7s','vsys':'2505.3'}"));
        assertThat(prepared.records()).hasSize(2);
        ObjectNode expected = (ObjectNode) json("{"
                + "'access_url':'https://casda.example/datalink?ID=scan-600001','dataproduct_type':'visibility',"
                + "'filename':'" + BEAM00 + "','filesize':'52428800','obs_collection':'WALLABY','obs_id':'ASKAP-72962',"
                + "'obs_publisher_did':'scan-600001','t_max':'60781.52','t_min':'60781.11',"
                + "'dataset_id':'" + BEAM00 + "','visibility_filename':'" + BEAM00 + "','sbid':'72962',"
                + "'scan_id':'scan-600001','source_identifier':'HIPASSJ1317-16',"
                + "'sbid_to_eval_file':{'access_url':'https://casda.example/eval/" + NEWEST + "','filename':'" + NEWEST
                + "','filesize':'4096','format':'calibration','sbid':'72962'},"
                + "'evaluation_file':'" + NEWEST + "',"
                + "'evaluation_file_access_url':'https://casda.example/eval/" + NEWEST + "',"
                + "'ra_string':'13h17m28.7s','dec_string':'-16.37.27.12','vsys':'2505.3'}");
        assertThat(prepared.records().get(0)).isEqualTo(expected);
        assertThat(prepared.records().get(1).get("dataset_id").textValue()).isEqualTo(BEAM01);
        assertThat(prepared.records().get(1).get("scan_id").textValue()).isEqualTo("scan-600002");
        assertThat(prepared.records().get(1).get("evaluation_file").textValue()).isEqualTo(NEWEST);

        List<String> keys = new ArrayList<>();
        prepared.records().get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSortedAccordingTo(Utf8Order.COMPARATOR);
    }

    @Test
    void aVizierFailureLeavesEmptyRowsAndAFalseCompletenessFlag() throws InterruptedException {
        InMemoryArchive archive = new InMemoryArchive()
                .answer("casda", "FROM ivoa.obscore", List.of(visibility(BEAM00, "scan-600001")))
                .fail("vizier", "VIII/73/hicat", "adapter error: vizier returned HTTP 503", false)
                .answer("casda", "casda.observation_evaluation_file", EVAL_FILES);

        SourceOutcome.Prepared prepared = (SourceOutcome.Prepared) new SourceDiscovery(Json.wallaby())
                .discover(SOURCE, archive);

        assertThat(prepared.flags()).isEqualTo(json("{'ra_dec_vsys_complete':false}"));
        assertThat(prepared.records().get(0).has("ra_string")).isFalse();
        assertThat(prepared.records().get(0).get("evaluation_file").textValue()).isEqualTo(NEWEST);
    }

    @Test
    void noObservationRowsMeansNoDatasetsWithoutFurtherQueries() throws InterruptedException {
        InMemoryArchive archive = new InMemoryArchive().answer("casda", "FROM ivoa.obscore", List.of());

        assertThat(new SourceDiscovery(Json.wallaby()).discover(SOURCE, archive))
                .isEqualTo(new SourceOutcome.NoDatasets());
        assertThat(archive.calls()).hasSize(1);
    }

    /** {@code expected}: a failure, or the chosen file name as a String. */
    record EvalCase(String name, List<ObjectNode> rows, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<EvalCase> evalCases() {
        ObjectNode olderRow = evalFile(OLDER, "4096");
        return List.of(
                new EvalCase("no calibration archive", List.of(),
                        new SourceOutcome.Failed(false, "SBID 72962 has no valid calibration metadata archive")),
                new EvalCase("only another SBID's archive", List.of(evalFile(OTHER_SBID, "10")),
                        new SourceOutcome.Failed(false, "SBID 72962 has no valid calibration metadata archive")),
                new EvalCase("only an archive without access_url",
                        List.of(row("{'filename':'" + NEWEST + "','filesize':'1','format':'calibration'}")),
                        new SourceOutcome.Failed(false, "SBID 72962 has no valid calibration metadata archive")),
                new EvalCase("two rows with the winning name", List.of(olderRow, olderRow.deepCopy()),
                        new SourceOutcome.Failed(false,
                                "SBID 72962 has duplicate calibration metadata archive rows for " + OLDER)),
                new EvalCase("winning name also on an invalid calibration row (no size)", List.of(olderRow,
                        row("{'access_url':'u','filename':'" + OLDER + "','format':'CALIBRATION'}")),
                        new SourceOutcome.Failed(false,
                                "SBID 72962 has duplicate calibration metadata archive rows for " + OLDER)),
                new EvalCase("same name with another format is not a duplicate", List.of(olderRow,
                        row("{'access_url':'u','filename':'" + OLDER + "','filesize':'9999','format':'image'}")),
                        OLDER),
                new EvalCase("equal sizes: the newest name, whatever the row order",
                        List.of(evalFile(NEWEST, "4096"), olderRow), NEWEST),
                new EvalCase("the larger archive wins over a newer name",
                        List.of(evalFile(NEWEST, "4096"), evalFile(OLDER, "4097")), OLDER),
                new EvalCase("rows that are not calibration archives are ignored",
                        List.of(row("{'access_url':'u','filename':'" + NEWEST + "','filesize':'99','format':'image'}"),
                                row("{'access_url':'u','filename':'evaluation-SB72962.tar','filesize':'99',"
                                        + "'format':'calibration'}"), olderRow), OLDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evalCases")
    void calibrationArchiveSelection(EvalCase c) throws InterruptedException {
        SourceOutcome outcome = new SourceDiscovery(Json.wallaby()).discover(SOURCE, archive(c.rows()));
        if (c.expected() instanceof String chosen) {
            assertThat(outcome).isInstanceOf(SourceOutcome.Prepared.class);
            assertThat(((SourceOutcome.Prepared) outcome).records()).allSatisfy(r -> {
                assertThat(r.get("evaluation_file").textValue()).isEqualTo(chosen);
                assertThat(r.get("sbid_to_eval_file").get("filename").textValue()).isEqualTo(chosen);
            });
        } else {
            assertThat(outcome).isEqualTo(c.expected());
        }
    }

    @Test
    void anEvaluationFileQueryFailureFailsTheSource() throws InterruptedException {
        InMemoryArchive error = archive(EVAL_FILES);
        InMemoryArchive failing = new InMemoryArchive()
                .fail("casda", "casda.observation_evaluation_file", "adapter error: casda returned HTTP 500", false)
                .answer("casda", "FROM ivoa.obscore", List.of(visibility(BEAM00, "scan-600001")))
                .answer("vizier", "VIII/73/hicat", List.of(HICAT));
        InMemoryArchive timingOut = new InMemoryArchive()
                .fail("casda", "casda.observation_evaluation_file", "read timed out after 90 s", true)
                .answer("casda", "FROM ivoa.obscore", List.of(visibility(BEAM00, "scan-600001")))
                .answer("vizier", "VIII/73/hicat", List.of(HICAT));

        assertThat(new SourceDiscovery(Json.wallaby()).discover(SOURCE, error))
                .isInstanceOf(SourceOutcome.Prepared.class);
        assertThat(new SourceDiscovery(Json.wallaby()).discover(SOURCE, failing))
                .isEqualTo(new SourceOutcome.Failed(false, "adapter error: casda returned HTTP 500"));
        assertThat(new SourceDiscovery(Json.wallaby()).discover(SOURCE, timingOut))
                .isEqualTo(new SourceOutcome.Failed(true, "TAP timeout"));
    }
}
