package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.ledger.submission.RunRecordMerge;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;

import static dev.beampipe.model.ledger.submission.RunRecordSections.copy;
import static dev.beampipe.model.ledger.submission.RunRecordSections.section;
import static dev.beampipe.model.ledger.submission.RunRecordSections.sub;

/**
 * The DIM poll's merges into {@code workflow_manifest.beampipe_run_record} (10-state §5.4, 40-backends §3.10). Each
 * is a pure function "old document → new document" that keeps unknown keys and never changes its input; the ledger
 * applies them under the row lock (decision 3).
 */
public final class DimRunRecord {
    public static final String RUN_RECORD = RunRecordMerge.RUN_RECORD;
    public static final String POLL_TIMEOUT_ERROR = "DIM poll timeout";

    private DimRunRecord() {
    }

    /** RFC 3339 with milliseconds and {@code Z}, as the run record's other timestamps. */
    public static String timestamp(Instant at) {
        return RunRecordMerge.timestamp(at.atOffset(ZoneOffset.UTC));
    }

    /** {@code dim.last_observation = {session_state, observed_at}}. */
    public static JsonObject lastObservation(JsonObject manifest, String sessionState, Instant observedAt) {
        JsonObject out = copy(manifest);
        section(section(out, RUN_RECORD), "dim").put("last_observation", new JsonObject()
                .put("session_state", sessionState).put("observed_at", timestamp(observedAt)));
        return out;
    }

    /** What a terminal poll freezes into {@code dim.terminal}. */
    public record Terminal(String sessionId, String sessionState, Instant observedAt, int errorDropsCount, String error,
                           String ledgerStatus) {
    }

    /**
     * {@code dim.terminal}, frozen per session: a terminal record already written for the same {@code session_id}
     * is kept; only its {@code ledger_status} is added when it is absent and the aggregate is terminal (a success
     * held for output verification has none). A record of another session is replaced.
     */
    public static JsonObject terminal(JsonObject manifest, Terminal t) {
        JsonObject out = copy(manifest);
        JsonObject dim = section(section(out, RUN_RECORD), "dim");
        JsonObject existing = dim.getValue("terminal") instanceof JsonObject o ? o : null;
        if (existing != null && t.sessionId().equals(existing.getString("session_id"))) {
            if (!existing.containsKey("ledger_status") && t.ledgerStatus() != null) {
                existing.put("ledger_status", t.ledgerStatus());
            }
            return out;
        }
        JsonObject record = new JsonObject().put("session_id", t.sessionId()).put("session_state", t.sessionState())
                .put("observed_at", timestamp(t.observedAt())).put("error_drops_count", t.errorDropsCount());
        if (t.error() != null) {
            record.put("error", t.error());
        }
        if (t.ledgerStatus() != null) {
            record.put("ledger_status", t.ledgerStatus());
        }
        dim.put("terminal", record);
        return out;
    }

    /** The top-level {@code dim_logs_url} of a failed session: {@code {base}/api/sessions/{sid}/logs} (sid unencoded). */
    public static JsonObject logsUrl(JsonObject manifest, String dimBase, String sessionId) {
        return copy(manifest).put("dim_logs_url", dimBase.replaceAll("/+$", "") + "/api/sessions/" + sessionId + "/logs");
    }

    /** The stored {@code dim_poll.round} (0 when absent or not a number). */
    public static int round(JsonObject manifest) {
        JsonObject record = manifest == null ? null : sub(manifest, RUN_RECORD);
        JsonObject poll = record == null ? null : sub(record, "dim_poll");
        return poll != null && poll.getValue("round") instanceof Number n ? n.intValue() : 0;
    }

    /** {@code dim_poll.round = round}, {@code dim_poll.started_at} written once. */
    public static JsonObject withRound(JsonObject manifest, int round, Instant at) {
        JsonObject out = copy(manifest);
        JsonObject poll = section(section(out, RUN_RECORD), "dim_poll").put("round", round);
        if (!poll.containsKey("started_at")) {
            poll.put("started_at", timestamp(at));
        }
        return out;
    }

    /** The poll-timeout marker {@code scheduler.slurm_completion = {reason:"poll_timeout", error, observed_at}}. */
    public static JsonObject pollTimeout(JsonObject manifest, Instant at) {
        JsonObject out = copy(manifest);
        section(section(out, RUN_RECORD), "scheduler").put("slurm_completion", new JsonObject()
                .put("reason", "poll_timeout").put("error", POLL_TIMEOUT_ERROR).put("observed_at", timestamp(at)));
        return out;
    }
}
