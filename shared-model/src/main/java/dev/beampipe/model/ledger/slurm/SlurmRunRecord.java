package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.ledger.submission.RunRecordMerge;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;

import static dev.beampipe.model.ledger.submission.RunRecordSections.copy;
import static dev.beampipe.model.ledger.submission.RunRecordSections.section;
import static dev.beampipe.model.ledger.submission.RunRecordSections.sub;

/**
 * The Slurm merges into {@code workflow_manifest.beampipe_run_record} (10-state §5.4, 40-backends §4.6, §4.8). Each
 * is a pure function "old document → new document" that keeps unknown keys and never changes its input; the
 * ledger applies them under the row lock (decision 3).
 */
public final class SlurmRunRecord {
    public static final String RUN_RECORD = RunRecordMerge.RUN_RECORD;
    static final int MAX_RAW = 512;

    private SlurmRunRecord() {
    }

    /**
     * What the submission recorded (40-backends §4.6 "Result"), with where the job writes its stdout/stderr
     * ({@code paths.stdout}/{@code paths.stderr}, decision 6: the real locations; null leaves them out).
     */
    public record Submission(String sessionId, String jobId, String compositeId, Instant submittedAt, String loginNode,
                             String remoteUser, String sessionDir, String stagingRoot, String stdoutPath,
                             String stderrPath) {
    }

    /** One poll observation as the run record keeps it. */
    public record Observation(String jobId, String state, String source, Instant observedAt, Integer exitCode,
                              String raw) {
    }

    /**
     * What a terminal observation freezes into {@code slurm.terminal}: the observation plus the composite id it
     * belongs to, the failure reason and diagnostics, and the aggregate status when it is terminal.
     */
    public record Terminal(Observation observation, String compositeId, String reason, String stderrGlob,
                           String ledgerStatus) {
    }

    /**
     * The submit merge: drops the legacy {@code slurm.observations}; sets {@code session_id}, {@code slurm_job_id},
     * {@code composite_scheduler_job_id}, {@code submitted_at}, the trimmed {@code login_node} and
     * {@code remote_user} when present, and {@code paths.session_dir}/{@code paths.staging_root} (and the log paths).
     */
    public static JsonObject submitted(JsonObject manifest, Submission s) {
        JsonObject out = copy(manifest);
        JsonObject slurm = section(section(out, RUN_RECORD), "slurm");
        slurm.remove("observations");
        slurm.put("session_id", s.sessionId()).put("slurm_job_id", s.jobId())
                .put("composite_scheduler_job_id", s.compositeId()).put("submitted_at", timestamp(s.submittedAt()));
        putTrimmed(slurm, "login_node", s.loginNode());
        putTrimmed(slurm, "remote_user", s.remoteUser());
        JsonObject paths = section(slurm, "paths");
        if (s.sessionDir() != null) {
            paths.put("session_dir", s.sessionDir());
        }
        if (s.stagingRoot() != null) {
            paths.put("staging_root", s.stagingRoot());
        }
        if (s.stdoutPath() != null) {
            paths.put("stdout", s.stdoutPath());
        }
        if (s.stderrPath() != null) {
            paths.put("stderr", s.stderrPath());
        }
        return out;
    }

    /**
     * The poll merge: drops {@code slurm.observations}; keeps an existing non-blank composite id; sets
     * {@code slurm_job_id}, {@code paths.session_dir} (when known) and {@code last_observation}.
     */
    public static JsonObject lastObservation(JsonObject manifest, Observation o, String sessionDir) {
        JsonObject out = copy(manifest);
        JsonObject slurm = section(section(out, RUN_RECORD), "slurm");
        slurm.remove("observations");
        slurm.put("slurm_job_id", o.jobId());
        if (sessionDir != null && !sessionDir.isBlank()) {
            section(slurm, "paths").put("session_dir", sessionDir);
        }
        slurm.put("last_observation", observation(o));
        return out;
    }

    /** The stored {@code slurm.composite_scheduler_job_id}, null when absent or blank. */
    public static String compositeId(JsonObject manifest) {
        JsonObject slurm = slurm(manifest);
        String id = slurm == null || !(slurm.getValue("composite_scheduler_job_id") instanceof String s) ? null : s;
        return id == null || id.isBlank() ? null : id;
    }

    /** The stored {@code slurm.paths.session_dir}, null when absent. */
    public static String sessionDir(JsonObject manifest) {
        JsonObject slurm = slurm(manifest);
        JsonObject paths = slurm == null ? null : sub(slurm, "paths");
        return paths != null && paths.getValue("session_dir") instanceof String s && !s.isBlank() ? s : null;
    }

    /**
     * {@code slurm.terminal}, frozen per composite id: a terminal record of the same composite id is kept (only its
     * {@code ledger_status} is added when absent and the aggregate is terminal); otherwise a new record replaces it.
     */
    public static JsonObject terminal(JsonObject manifest, Terminal t) {
        JsonObject out = copy(manifest);
        JsonObject slurm = section(section(out, RUN_RECORD), "slurm");
        JsonObject existing = sub(slurm, "terminal");
        if (existing != null && t.compositeId() != null
                && t.compositeId().equals(existing.getString("composite_scheduler_job_id"))) {
            if (!existing.containsKey("ledger_status") && t.ledgerStatus() != null) {
                existing.put("ledger_status", t.ledgerStatus());
            }
            return out;
        }
        JsonObject record = observation(t.observation()).put("composite_scheduler_job_id", t.compositeId())
                .put("slurm_job_id_ref", t.observation().jobId());
        if (t.reason() != null) {
            record.put("reason", t.reason());
        }
        if (t.stderrGlob() != null) {
            record.put("diagnostics", new JsonObject().put("stderr_glob", t.stderrGlob()));
        }
        if (t.ledgerStatus() != null) {
            record.put("ledger_status", t.ledgerStatus());
        }
        slurm.put("terminal", record);
        return out;
    }

    /** The stored {@code slurm_poll.round} (0 when absent or not a number). */
    public static int round(JsonObject manifest) {
        JsonObject poll = poll(manifest);
        return poll != null && poll.getValue("round") instanceof Number n ? n.intValue() : 0;
    }

    /** {@code slurm_poll.round = round}, {@code slurm_poll.started_at} written once. */
    public static JsonObject withRound(JsonObject manifest, int round, Instant at) {
        JsonObject out = copy(manifest);
        JsonObject poll = section(section(out, RUN_RECORD), "slurm_poll").put("round", round);
        if (!poll.containsKey("started_at")) {
            poll.put("started_at", timestamp(at));
        }
        return out;
    }

    /** Whether the one-time operator escalation was already recorded. */
    public static boolean escalated(JsonObject manifest) {
        JsonObject poll = poll(manifest);
        return poll != null && poll.getValue("operator_escalation") instanceof JsonObject;
    }

    /**
     * {@code slurm_poll.operator_escalation = {reason, round, max_rounds, recorded_at, terminalized:false}} (40-backends
     * §4.8): the round budget was reached; the execution is not terminalized.
     */
    public static JsonObject escalation(JsonObject manifest, String reason, int round, int maxRounds, Instant at) {
        JsonObject out = copy(manifest);
        section(section(out, RUN_RECORD), "slurm_poll").put("operator_escalation", new JsonObject()
                .put("reason", reason).put("round", round).put("max_rounds", maxRounds)
                .put("recorded_at", timestamp(at)).put("terminalized", false));
        return out;
    }

    /** RFC 3339 with milliseconds and {@code Z}, as the run record's other timestamps. */
    public static String timestamp(Instant at) {
        return RunRecordMerge.timestamp(at.atOffset(ZoneOffset.UTC));
    }

    /** {@code raw} bounded to 512 characters, {@code ...} appended when cut. */
    static String bounded(String raw) {
        return raw == null || raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW) + "...";
    }

    private static JsonObject observation(Observation o) {
        JsonObject out = new JsonObject().put("state", o.state()).put("source", o.source())
                .put("observed_at", timestamp(o.observedAt()));
        if (o.exitCode() != null) {
            out.put("exit_code", o.exitCode());
        }
        if (o.raw() != null && !o.raw().isEmpty()) {
            out.put("raw", bounded(o.raw()));
        }
        return out;
    }

    private static void putTrimmed(JsonObject target, String key, String value) {
        if (value != null && !value.trim().isEmpty()) {
            target.put(key, value.trim());
        }
    }

    private static JsonObject slurm(JsonObject manifest) {
        JsonObject record = manifest == null ? null : sub(manifest, RUN_RECORD);
        return record == null ? null : sub(record, "slurm");
    }

    private static JsonObject poll(JsonObject manifest) {
        JsonObject record = manifest == null ? null : sub(manifest, RUN_RECORD);
        return record == null ? null : sub(record, "slurm_poll");
    }
}
