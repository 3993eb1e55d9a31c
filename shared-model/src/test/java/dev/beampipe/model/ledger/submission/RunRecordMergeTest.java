package dev.beampipe.model.ledger.submission;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The receipt's run-record merge (10-state §5.4, 40-backends §3.8), pure. */
class RunRecordMergeTest {
    static final Receipt.DimDeploy DEPLOY = new Receipt.DimDeploy(OffsetDateTime.parse("2026-08-22T12:00:00.5+02:00"),
            "https://dim.example:8001//", true);

    static JsonObject record(JsonObject manifest) {
        return manifest.getJsonObject("beampipe_run_record");
    }

    @Test
    void theReceiptManifestWinsAndStoredSectionsItLacksAreKept() {
        JsonObject stored = new JsonObject().put("old_top_level", true).put("beampipe_run_record", new JsonObject()
                .put("scheduler", new JsonObject().put("policy_decision", "admitted"))
                .put("dim_poll", new JsonObject().put("round", 3))
                .put("requested_sources", "stored"));
        JsonObject receipt = new JsonObject().put("datasets", 1)
                .put("beampipe_run_record", new JsonObject().put("requested_sources", "receipt"));
        JsonObject merged = RunRecordMerge.receiptManifest(stored, receipt, "sid", null);
        assertThat(merged.containsKey("old_top_level")).isFalse();
        assertThat(merged.getInteger("datasets")).isEqualTo(1);
        assertThat(record(merged).getString("requested_sources")).isEqualTo("receipt");
        assertThat(record(merged).getJsonObject("scheduler").getString("policy_decision")).isEqualTo("admitted");
        assertThat(record(merged).getJsonObject("dim_poll").getInteger("round")).isEqualTo(3);
        assertThat(record(merged).containsKey("dim")).isFalse();
        assertThat(receipt.getJsonObject("beampipe_run_record").fieldNames()).as("input untouched")
                .containsExactly("requested_sources");
    }

    @Test
    void noRunRecordAnywhereAddsNone() {
        assertThat(RunRecordMerge.receiptManifest(null, new JsonObject().put("a", 1), "sid", null))
                .isEqualTo(new JsonObject().put("a", 1));
    }

    @Test
    void theDimDeployRecord() {
        JsonObject stored = new JsonObject().put("beampipe_run_record", new JsonObject()
                .put("dim", new JsonObject().put("last_observation", new JsonObject().put("session_state", "RUNNING"))));
        JsonObject dim = record(RunRecordMerge.receiptManifest(stored, new JsonObject(), "Beampipe Execution", DEPLOY))
                .getJsonObject("dim");
        assertThat(dim.getString("session_id")).isEqualTo("Beampipe Execution");
        assertThat(dim.containsKey("last_observation")).as("the receipt has no dim section: the stored one is kept").isTrue();
        assertThat(dim.getJsonObject("deploy")).isEqualTo(new JsonObject()
                .put("deployed_at", "2026-08-22T10:00:00.500Z")
                .put("dim_rest_base", "https://dim.example:8001")
                .put("verify_ssl", true)
                .put("operator_urls", new JsonObject()
                        .put("dim_session_status_url", "https://dim.example:8001/api/sessions/Beampipe%20Execution/status")
                        .put("dim_graph_status_url", "https://dim.example:8001/api/sessions/Beampipe%20Execution/graph/status")));
    }

    @Test
    void aBlankBaseHasNoOperatorUrls() {
        JsonObject dim = record(RunRecordMerge.receiptManifest(null, new JsonObject(), "sid",
                new Receipt.DimDeploy(OffsetDateTime.parse("2026-08-22T10:00:00Z"), "", false))).getJsonObject("dim");
        assertThat(dim.getJsonObject("deploy").getJsonObject("operator_urls")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2026-08-22T10:00:00Z, 2026-08-22T10:00:00.000Z", "2026-08-22T10:00:00.123456Z, 2026-08-22T10:00:00.123Z",
            "2026-08-22T00:30:00-03:00, 2026-08-22T03:30:00.000Z"})
    void timestampsAreRfc3339UtcWithMilliseconds(String in, String out) {
        assertThat(RunRecordMerge.timestamp(OffsetDateTime.parse(in))).isEqualTo(out);
    }
}
