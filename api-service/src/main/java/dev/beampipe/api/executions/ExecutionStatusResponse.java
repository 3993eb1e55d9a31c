package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** {@code GET /executions/{id}/status} (20-api §2.4): the ledger axes plus what the run record last observed. */
public record ExecutionStatusResponse(
        UUID uuid, String status, String executionPhase, String schedulerName, String schedulerJobId,
        String daliugeSessionId, String controlPhase, String submissionState, Instant submissionDeadlineAt,
        Instant submissionAbandonedAt, String schedulerState, String schedulerRawState, String schedulerReason,
        String daliugeState, String outputState, String terminalOutcome, String failureClass, String lastError,
        int retryCount, Instant startedAt, Instant completedAt, String slurmState, String dimState,
        Instant lastObservationAt, Long durationSeconds) {

    static ExecutionStatusResponse of(ExecutionRow r, Instant now) {
        JsonNode record = r.runRecord();
        JsonNode slurm = record == null ? null : record.path("slurm").get("last_observation");
        JsonNode dim = record == null ? null : record.path("dim").get("last_observation");
        String slurmState = text(slurm, "state");
        String dimSession = text(dim, "session_state");
        String dimState = dimSession != null && !"unknown".equals(dimSession) ? dimSession : r.daliugeState();
        return new ExecutionStatusResponse(r.uuid(), r.status(), r.executionPhase(), r.schedulerName(), r.schedulerJobId(),
                r.daliugeSessionId(), r.controlPhase(), r.submissionState(), r.submissionDeadlineAt(),
                r.submissionAbandonedAt(), r.schedulerState(), r.schedulerRawState(), Redaction.string(r.schedulerReason()),
                r.daliugeState(), r.outputState(), r.terminalOutcome(), r.failureClass(), Redaction.string(r.lastError()),
                r.retryCount(), r.startedAt(), r.completedAt(), slurmState, dimState,
                lastObservationAt(slurm, dim, r.lastReconciledAt()), duration(r, now));
    }

    static Instant lastObservationAt(JsonNode slurm, JsonNode dim, Instant lastReconciledAt) {
        boolean observed = isObject(slurm) || isObject(dim);
        if (!observed) {
            return null;
        }
        Instant a = timestamp(slurm);
        Instant b = timestamp(dim);
        Instant latest = a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
        return latest != null ? latest : lastReconciledAt;
    }

    static Long duration(ExecutionRow r, Instant now) {
        if (r.startedAt() == null) {
            return null;
        }
        Instant end = r.completedAt() == null ? now : r.completedAt();
        return Duration.between(r.startedAt(), end).getSeconds();
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    private static Instant timestamp(JsonNode observation) {
        String text = text(observation, "observed_at");
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
