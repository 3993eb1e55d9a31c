package dev.beampipe.worker.dimpoll;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure run-record merges of a DIM poll (10-state §5.4). */
class DimRunRecordTest {
    static final Instant T1 = Instant.parse("2026-08-22T10:00:01.234567Z");
    static final Instant T2 = Instant.parse("2026-08-22T10:05:00Z");

    static JsonObject manifest() {
        return new JsonObject().put("manifest_version", 1).put("beampipe_run_record", new JsonObject()
                .put("scheduler", new JsonObject().put("policy_decision", "admitted"))
                .put("dim", new JsonObject().put("session_id", "sid-1").put("deploy", new JsonObject().put("verify_ssl", false))));
    }

    @Test
    void lastObservationKeepsUnknownKeysAndDoesNotChangeItsInput() {
        JsonObject in = manifest();
        JsonObject out = DimRunRecord.lastObservation(in, "running", T1);
        assertThat(in).isEqualTo(manifest());
        assertThat(out.getInteger("manifest_version")).isEqualTo(1);
        JsonObject dim = out.getJsonObject("beampipe_run_record").getJsonObject("dim");
        assertThat(dim.getJsonObject("deploy").getBoolean("verify_ssl")).isFalse();
        assertThat(dim.getJsonObject("last_observation")).isEqualTo(new JsonObject()
                .put("session_state", "running").put("observed_at", "2026-08-22T10:00:01.234Z"));
        assertThat(DimRunRecord.lastObservation(null, "building", T1).getJsonObject("beampipe_run_record")
                .getJsonObject("dim").getJsonObject("last_observation").getString("session_state")).isEqualTo("building");
    }

    @Test
    void theTerminalRecordIsFrozenPerSessionAndGetsItsLedgerStatusOnce() {
        JsonObject held = DimRunRecord.terminal(manifest(),
                new DimRunRecord.Terminal("sid-1", "finished", T1, 0, null, null));
        JsonObject terminal = held.getJsonObject("beampipe_run_record").getJsonObject("dim").getJsonObject("terminal");
        assertThat(terminal.containsKey("ledger_status")).isFalse();
        assertThat(terminal.containsKey("error")).isFalse();

        JsonObject completed = DimRunRecord.terminal(held,
                new DimRunRecord.Terminal("sid-1", "failed", T2, 3, "boom", "completed"));
        terminal = completed.getJsonObject("beampipe_run_record").getJsonObject("dim").getJsonObject("terminal");
        assertThat(terminal.getString("session_state")).isEqualTo("finished");
        assertThat(terminal.getString("observed_at")).isEqualTo("2026-08-22T10:00:01.234Z");
        assertThat(terminal.getInteger("error_drops_count")).isZero();
        assertThat(terminal.getString("ledger_status")).isEqualTo("completed");

        JsonObject again = DimRunRecord.terminal(completed,
                new DimRunRecord.Terminal("sid-1", "finished", T2, 0, null, "failed"));
        assertThat(again.getJsonObject("beampipe_run_record").getJsonObject("dim").getJsonObject("terminal")
                .getString("ledger_status")).isEqualTo("completed");

        JsonObject other = DimRunRecord.terminal(completed,
                new DimRunRecord.Terminal("sid-2", "failed", T2, 2, "DALiuGE session failed", "failed"));
        assertThat(other.getJsonObject("beampipe_run_record").getJsonObject("dim").getJsonObject("terminal"))
                .isEqualTo(new JsonObject().put("session_id", "sid-2").put("session_state", "failed")
                        .put("observed_at", "2026-08-22T10:05:00.000Z").put("error_drops_count", 2)
                        .put("error", "DALiuGE session failed").put("ledger_status", "failed"));
    }

    @Test
    void roundsCountUpAndStartOnce() {
        assertThat(DimRunRecord.round(null)).isZero();
        assertThat(DimRunRecord.round(manifest())).isZero();
        JsonObject one = DimRunRecord.withRound(manifest(), 1, T1);
        JsonObject two = DimRunRecord.withRound(one, 2, T2);
        assertThat(DimRunRecord.round(two)).isEqualTo(2);
        assertThat(two.getJsonObject("beampipe_run_record").getJsonObject("dim_poll").getString("started_at"))
                .isEqualTo("2026-08-22T10:00:01.234Z");
        assertThat(DimRunRecord.round(new JsonObject().put("beampipe_run_record",
                new JsonObject().put("dim_poll", new JsonObject().put("round", "x"))))).isZero();
    }

    @Test
    void thePollTimeoutMarkerAndTheLogsUrl() {
        JsonObject out = DimRunRecord.pollTimeout(manifest(), T2);
        JsonObject scheduler = out.getJsonObject("beampipe_run_record").getJsonObject("scheduler");
        assertThat(scheduler.getString("policy_decision")).isEqualTo("admitted");
        assertThat(scheduler.getJsonObject("slurm_completion")).isEqualTo(new JsonObject().put("reason", "poll_timeout")
                .put("error", "DIM poll timeout").put("observed_at", "2026-08-22T10:05:00.000Z"));
        assertThat(DimRunRecord.logsUrl(manifest(), "http://dim:8001/", "BeampipeExecution-x-2026")
                .getString("dim_logs_url")).isEqualTo("http://dim:8001/api/sessions/BeampipeExecution-x-2026/logs");
    }
}
