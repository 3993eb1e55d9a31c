package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code batch_execution_record} columns the status writers read and write (10-state §1.2). The axis columns
 * keep the stored text as-is (they have no CHECK); {@link #axes()} parses them, unknown/NULL reading as the default.
 * {@code phaseTimestamps} is the {@code phase_timestamps} JSONB object.
 */
public record ExecutionRow(
        UUID uuid,
        ExecutionStatus status,
        ExecutionPhase executionPhase,
        String controlPhase,
        String submissionState,
        String schedulerName,
        String schedulerJobId,
        String schedulerState,
        String schedulerRawState,
        String schedulerReason,
        String daliugeSessionId,
        String daliugeManagerUrl,
        String daliugeState,
        JsonObject daliugeRawStatus,
        String remoteSessionDir,
        String outputState,
        boolean outputVerificationRequired,
        String terminalOutcome,
        String failureClass,
        String lastError,
        int retryCount,
        Map<String, OffsetDateTime> phaseTimestamps,
        JsonObject workflowManifest,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        OffsetDateTime lastReconciledAt,
        OffsetDateTime updatedAt) {

    public ExecutionRow {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        phaseTimestamps = Collections.unmodifiableMap(new TreeMap<>(phaseTimestamps == null ? Map.of() : phaseTimestamps));
    }

    /** A row as creation writes it: {@code pending}, every axis at its default ({@code output_state} per policy). */
    public static ExecutionRow created(UUID uuid, boolean outputVerificationRequired) {
        return new ExecutionRow(uuid, ExecutionStatus.PENDING, null, ControlPhase.DISCOVERED.wire(),
                SubmissionState.NOT_STARTED.wire(), null, null, SchedulerState.NOT_SUBMITTED.wire(), null, null, null,
                null, DaliugeState.NOT_CREATED.wire(), null, null,
                (outputVerificationRequired ? OutputState.PENDING : OutputState.NOT_STARTED).wire(),
                outputVerificationRequired, null, null, null, 0, Map.of(), null, null, null, null, null);
    }

    public Axes axes() {
        return new Axes(SubmissionState.parse(submissionState), SchedulerState.parse(schedulerState),
                DaliugeState.parse(daliugeState), OutputState.parse(outputState), outputVerificationRequired);
    }

    public boolean terminal() {
        return status.terminal();
    }

    /**
     * CHECK {@code ck_required_output_completion_verified}: {@code completed} requires verified outputs when the
     * pinned policy requires verification.
     */
    public boolean satisfiesCompletionGate() {
        return status != ExecutionStatus.COMPLETED || !outputVerificationRequired
                || OutputState.VERIFIED.wire().equals(outputState);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy-and-change builder (the write paths change a handful of columns at a time). */
    public static final class Builder {
        private final UUID uuid;
        private ExecutionStatus status;
        private ExecutionPhase executionPhase;
        private String controlPhase;
        private String submissionState;
        private String schedulerName;
        private String schedulerJobId;
        private String schedulerState;
        private String schedulerRawState;
        private String schedulerReason;
        private String daliugeSessionId;
        private String daliugeManagerUrl;
        private String daliugeState;
        private JsonObject daliugeRawStatus;
        private String remoteSessionDir;
        private String outputState;
        private boolean outputVerificationRequired;
        private String terminalOutcome;
        private String failureClass;
        private String lastError;
        private int retryCount;
        private final TreeMap<String, OffsetDateTime> phaseTimestamps;
        private JsonObject workflowManifest;
        private OffsetDateTime startedAt;
        private OffsetDateTime completedAt;
        private OffsetDateTime lastReconciledAt;
        private OffsetDateTime updatedAt;

        private Builder(ExecutionRow r) {
            uuid = r.uuid;
            status = r.status;
            executionPhase = r.executionPhase;
            controlPhase = r.controlPhase;
            submissionState = r.submissionState;
            schedulerName = r.schedulerName;
            schedulerJobId = r.schedulerJobId;
            schedulerState = r.schedulerState;
            schedulerRawState = r.schedulerRawState;
            schedulerReason = r.schedulerReason;
            daliugeSessionId = r.daliugeSessionId;
            daliugeManagerUrl = r.daliugeManagerUrl;
            daliugeState = r.daliugeState;
            daliugeRawStatus = r.daliugeRawStatus;
            remoteSessionDir = r.remoteSessionDir;
            outputState = r.outputState;
            outputVerificationRequired = r.outputVerificationRequired;
            terminalOutcome = r.terminalOutcome;
            failureClass = r.failureClass;
            lastError = r.lastError;
            retryCount = r.retryCount;
            phaseTimestamps = new TreeMap<>(r.phaseTimestamps);
            workflowManifest = r.workflowManifest;
            startedAt = r.startedAt;
            completedAt = r.completedAt;
            lastReconciledAt = r.lastReconciledAt;
            updatedAt = r.updatedAt;
        }

        public ExecutionRow build() {
            return new ExecutionRow(uuid, status, executionPhase, controlPhase, submissionState, schedulerName,
                    schedulerJobId, schedulerState, schedulerRawState, schedulerReason, daliugeSessionId,
                    daliugeManagerUrl, daliugeState, daliugeRawStatus, remoteSessionDir, outputState,
                    outputVerificationRequired, terminalOutcome, failureClass, lastError, retryCount, phaseTimestamps,
                    workflowManifest, startedAt, completedAt, lastReconciledAt, updatedAt);
        }

        public Builder status(ExecutionStatus v) { status = v; return this; }
        public Builder executionPhase(ExecutionPhase v) { executionPhase = v; return this; }
        public Builder controlPhase(String v) { controlPhase = v; return this; }
        public Builder controlPhase(ControlPhase v) { controlPhase = v.wire(); return this; }
        public Builder submissionState(String v) { submissionState = v; return this; }
        public Builder submissionState(SubmissionState v) { submissionState = v.wire(); return this; }
        public Builder schedulerName(String v) { schedulerName = v; return this; }
        public Builder schedulerJobId(String v) { schedulerJobId = v; return this; }
        public Builder schedulerState(String v) { schedulerState = v; return this; }
        public Builder schedulerState(SchedulerState v) { schedulerState = v.wire(); return this; }
        public Builder schedulerRawState(String v) { schedulerRawState = v; return this; }
        public Builder schedulerReason(String v) { schedulerReason = v; return this; }
        public Builder daliugeSessionId(String v) { daliugeSessionId = v; return this; }
        public Builder daliugeManagerUrl(String v) { daliugeManagerUrl = v; return this; }
        public Builder daliugeState(String v) { daliugeState = v; return this; }
        public Builder daliugeState(DaliugeState v) { daliugeState = v.wire(); return this; }
        public Builder daliugeRawStatus(JsonObject v) { daliugeRawStatus = v; return this; }
        public Builder remoteSessionDir(String v) { remoteSessionDir = v; return this; }
        public Builder outputState(String v) { outputState = v; return this; }
        public Builder outputState(OutputState v) { outputState = v.wire(); return this; }
        public Builder outputVerificationRequired(boolean v) { outputVerificationRequired = v; return this; }
        public Builder terminalOutcome(String v) { terminalOutcome = v; return this; }
        public Builder terminalOutcome(TerminalOutcome v) { terminalOutcome = v == null ? null : v.wire(); return this; }
        public Builder failureClass(String v) { failureClass = v; return this; }
        public Builder failureClass(FailureClass v) { failureClass = v == null ? null : v.wire(); return this; }
        public Builder lastError(String v) { lastError = v; return this; }
        public Builder retryCount(int v) { retryCount = v; return this; }
        public Builder phaseTimestamp(String phase, OffsetDateTime at) { phaseTimestamps.put(phase, at); return this; }
        public Builder phaseTimestampIfAbsent(String phase, OffsetDateTime at) { phaseTimestamps.putIfAbsent(phase, at); return this; }
        public Builder workflowManifest(JsonObject v) { workflowManifest = v; return this; }
        public Builder startedAt(OffsetDateTime v) { startedAt = v; return this; }
        public Builder completedAt(OffsetDateTime v) { completedAt = v; return this; }
        public Builder lastReconciledAt(OffsetDateTime v) { lastReconciledAt = v; return this; }
        public Builder updatedAt(OffsetDateTime v) { updatedAt = v; return this; }

        ExecutionStatus status() { return status; }
        ExecutionPhase executionPhase() { return executionPhase; }
        String controlPhase() { return controlPhase; }
        String terminalOutcome() { return terminalOutcome; }
        String lastError() { return lastError; }
        int retryCount() { return retryCount; }
        OffsetDateTime startedAt() { return startedAt; }
        OffsetDateTime completedAt() { return completedAt; }
    }
}
