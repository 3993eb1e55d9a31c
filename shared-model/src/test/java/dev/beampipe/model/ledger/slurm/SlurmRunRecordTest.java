package dev.beampipe.model.ledger.slurm;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlurmRunRecordTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00.123456Z");
    static final String COMPOSITE = "sid:42|/dlg/workspace/s_1";

    static JsonObject manifest() {
        return new JsonObject().put("datasets", 1).put("beampipe_run_record", new JsonObject()
                .put("scheduler", new JsonObject().put("policy_decision", "admitted"))
                .put("slurm", new JsonObject().put("observations", "legacy").put("kept", true)));
    }

    static SlurmRunRecord.Observation observation(String state) {
        return new SlurmRunRecord.Observation("42", state, "sacct", AT, 3, "42|" + state + "|3:0");
    }

    @Test
    void theSubmitMergeDropsLegacyObservationsAndKeepsUnknownKeys() {
        JsonObject in = manifest();
        JsonObject out = SlurmRunRecord.submitted(in, new SlurmRunRecord.Submission("sid", "42", COMPOSITE, AT,
                "  login.example ", "alice", "/dlg/workspace/s_1", "/dlg/workspace/s_1/wallaby-staging", "/dlg/workspace/s_1/slurm-42.out",
                "/dlg/workspace/s_1/slurm-42.err"));
        JsonObject slurm = out.getJsonObject("beampipe_run_record").getJsonObject("slurm");
        assertThat(slurm.containsKey("observations")).isFalse();
        assertThat(slurm.getBoolean("kept")).isTrue();
        assertThat(slurm.getString("session_id")).isEqualTo("sid");
        assertThat(slurm.getString("slurm_job_id")).isEqualTo("42");
        assertThat(slurm.getString("composite_scheduler_job_id")).isEqualTo(COMPOSITE);
        assertThat(slurm.getString("submitted_at")).isEqualTo("2026-11-29T10:00:00.123Z");
        assertThat(slurm.getString("login_node")).isEqualTo("login.example");
        assertThat(slurm.getString("remote_user")).isEqualTo("alice");
        assertThat(slurm.getJsonObject("paths").getString("staging_root")).isEqualTo("/dlg/workspace/s_1/wallaby-staging");
        assertThat(slurm.getJsonObject("paths").getString("stderr")).isEqualTo("/dlg/workspace/s_1/slurm-42.err");
        assertThat(out.getJsonObject("beampipe_run_record").getJsonObject("scheduler").getString("policy_decision"))
                .isEqualTo("admitted");
        assertThat(in).isEqualTo(manifest());
    }

    @Test
    void aBlankLoginNodeIsLeftOut() {
        JsonObject out = SlurmRunRecord.submitted(new JsonObject(), new SlurmRunRecord.Submission("sid", "42", COMPOSITE,
                AT, " ", null, "/d", "/d/wallaby-staging", null, null));
        JsonObject slurm = out.getJsonObject("beampipe_run_record").getJsonObject("slurm");
        assertThat(slurm.containsKey("login_node")).isFalse();
        assertThat(slurm.containsKey("remote_user")).isFalse();
    }

    @Test
    void thePollMergeKeepsTheCompositeIdAndBoundsTheRawLine() {
        JsonObject submitted = SlurmRunRecord.submitted(manifest(), new SlurmRunRecord.Submission("sid", "42", COMPOSITE,
                AT, "login", "alice", "/d", "/d/wallaby-staging", null, null));
        String raw = "x".repeat(600);
        JsonObject out = SlurmRunRecord.lastObservation(submitted,
                new SlurmRunRecord.Observation("42", "RUNNING", "squeue", AT, null, raw), "/d");
        JsonObject slurm = out.getJsonObject("beampipe_run_record").getJsonObject("slurm");
        assertThat(SlurmRunRecord.compositeId(out)).isEqualTo(COMPOSITE);
        JsonObject last = slurm.getJsonObject("last_observation");
        assertThat(last.getString("state")).isEqualTo("RUNNING");
        assertThat(last.getString("source")).isEqualTo("squeue");
        assertThat(last.containsKey("exit_code")).isFalse();
        assertThat(last.getString("raw")).hasSize(515).endsWith("...");
        assertThat(SlurmRunRecord.sessionDir(out)).isEqualTo("/d");
    }

    @Test
    void theTerminalRecordIsFrozenPerCompositeIdAndGainsItsLedgerStatusOnce() {
        JsonObject first = SlurmRunRecord.terminal(manifest(), new SlurmRunRecord.Terminal(observation("FAILED"),
                COMPOSITE, "failed", "/d/slurm-42.err", null));
        JsonObject terminal = first.getJsonObject("beampipe_run_record").getJsonObject("slurm").getJsonObject("terminal");
        assertThat(terminal.getString("composite_scheduler_job_id")).isEqualTo(COMPOSITE);
        assertThat(terminal.getString("slurm_job_id_ref")).isEqualTo("42");
        assertThat(terminal.getInteger("exit_code")).isEqualTo(3);
        assertThat(terminal.getJsonObject("diagnostics").getString("stderr_glob")).isEqualTo("/d/slurm-42.err");
        assertThat(terminal.containsKey("ledger_status")).isFalse();

        JsonObject second = SlurmRunRecord.terminal(first, new SlurmRunRecord.Terminal(observation("CANCELLED"),
                COMPOSITE, "scheduler_cancelled", null, "failed"));
        JsonObject frozen = second.getJsonObject("beampipe_run_record").getJsonObject("slurm").getJsonObject("terminal");
        assertThat(frozen.getString("state")).isEqualTo("FAILED");
        assertThat(frozen.getString("ledger_status")).isEqualTo("failed");

        JsonObject other = SlurmRunRecord.terminal(second, new SlurmRunRecord.Terminal(observation("COMPLETED"),
                "sid:43|/d", null, null, "completed"));
        JsonObject replaced = other.getJsonObject("beampipe_run_record").getJsonObject("slurm").getJsonObject("terminal");
        assertThat(replaced.getString("state")).isEqualTo("COMPLETED");
        assertThat(replaced.containsKey("reason")).isFalse();
        assertThat(replaced.containsKey("diagnostics")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0,1", "1,2", "479,480"})
    void roundsCountUpAndStartedAtIsWrittenOnce(int before, int after) {
        JsonObject m = before == 0 ? manifest() : SlurmRunRecord.withRound(manifest(), before, AT.minusSeconds(60));
        JsonObject out = SlurmRunRecord.withRound(m, SlurmRunRecord.round(m) + 1, AT);
        assertThat(SlurmRunRecord.round(out)).isEqualTo(after);
        String started = out.getJsonObject("beampipe_run_record").getJsonObject("slurm_poll").getString("started_at");
        assertThat(started).isEqualTo(before == 0 ? "2026-11-29T10:00:00.123Z" : "2026-11-29T09:59:00.123Z");
    }

    @Test
    void theEscalationIsRecordedNeverTerminalized() {
        assertThat(SlurmRunRecord.escalated(manifest())).isFalse();
        JsonObject out = SlurmRunRecord.escalation(manifest(), "scheduler_state_unknown", 480, 480, AT);
        assertThat(SlurmRunRecord.escalated(out)).isTrue();
        JsonObject e = out.getJsonObject("beampipe_run_record").getJsonObject("slurm_poll").getJsonObject("operator_escalation");
        assertThat(e.getString("reason")).isEqualTo("scheduler_state_unknown");
        assertThat(e.getInteger("round")).isEqualTo(480);
        assertThat(e.getInteger("max_rounds")).isEqualTo(480);
        assertThat(e.getBoolean("terminalized")).isFalse();
    }
}
