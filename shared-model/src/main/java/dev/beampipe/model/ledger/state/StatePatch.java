package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Write path 2, the state patch / reconciliation ({@code apply_execution_state_patch_with_transition}, 10-state
 * §2.4). A {@code null} field keeps the stored value (COALESCE merge). Against a terminal row (any of the four
 * terminal statuses) the patch is ignored entirely; otherwise the aggregate is recomputed by {@link Reconcile} and
 * <b>no {@code allows} check is made</b>.
 */
public record StatePatch(
        ControlPhase controlPhase,
        SubmissionState submissionState,
        String schedulerName,
        String schedulerJobId,
        SchedulerState schedulerState,
        String schedulerRawState,
        String schedulerReason,
        String daliugeSessionId,
        String daliugeManagerUrl,
        DaliugeState daliugeState,
        JsonObject daliugeRawStatus,
        String remoteSessionDir,
        OutputState outputState,
        TerminalOutcome terminalOutcome,
        FailureClass failureClass,
        String lastError,
        boolean clearFailureContext,
        OffsetDateTime lastReconciledAt) {

    public static final String MISMATCH_ACTOR = "system:reconciler";

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param ignored         the row was terminal: nothing was written and {@code row} is the row as locked
     * @param reconciliation  null when ignored
     * @param provenance      {@code execution.reconciliation_mismatch} when the decision carries a mismatch
     */
    public record Result(ExecutionRow row, ExecutionStatus previousStatus, boolean enteredTerminal, boolean ignored,
                         Reconciliation reconciliation, List<ProvenanceEvent> provenance) {
    }

    public static Result apply(ExecutionRow row, StatePatch patch, OffsetDateTime now) {
        Objects.requireNonNull(now, "now");
        if (row.terminal()) {
            return new Result(row, row.status(), false, true, null, List.of());
        }
        // step 2: COALESCE merge of the axes
        ExecutionRow.Builder b = row.toBuilder().updatedAt(now);
        if (patch.controlPhase() != null) {
            b.controlPhase(patch.controlPhase());
            if (!patch.controlPhase().wire().equals(row.controlPhase())) {
                b.phaseTimestamp(patch.controlPhase().wire(), now);
            }
        }
        if (patch.submissionState() != null) b.submissionState(patch.submissionState());
        if (patch.schedulerName() != null) b.schedulerName(patch.schedulerName());
        if (patch.schedulerJobId() != null) b.schedulerJobId(patch.schedulerJobId());
        if (patch.schedulerState() != null) b.schedulerState(patch.schedulerState());
        if (patch.schedulerRawState() != null) b.schedulerRawState(patch.schedulerRawState());
        if (patch.schedulerReason() != null) b.schedulerReason(patch.schedulerReason());
        if (patch.daliugeSessionId() != null) b.daliugeSessionId(patch.daliugeSessionId());
        if (patch.daliugeManagerUrl() != null) b.daliugeManagerUrl(patch.daliugeManagerUrl());
        if (patch.daliugeState() != null) b.daliugeState(patch.daliugeState());
        if (patch.daliugeRawStatus() != null) b.daliugeRawStatus(patch.daliugeRawStatus());
        if (patch.remoteSessionDir() != null) b.remoteSessionDir(patch.remoteSessionDir());
        if (patch.outputState() != null) b.outputState(patch.outputState());
        if (patch.terminalOutcome() != null) b.terminalOutcome(patch.terminalOutcome());
        if (patch.clearFailureContext()) {
            b.failureClass((String) null).lastError(null);
        } else {
            if (patch.failureClass() != null) b.failureClass(patch.failureClass());
            if (patch.lastError() != null) b.lastError(patch.lastError());
        }
        if (patch.lastReconciledAt() != null) b.lastReconciledAt(patch.lastReconciledAt());
        ExecutionRow projected = b.build();

        // step 3: reconcile the projected row; a pending decision never demotes
        Reconciliation r = Reconcile.reconcile(projected.axes(), row.status());
        Decision d = r.decision();

        // step 4
        b.status(r.status());
        if (d.outcome() != null) {
            b.terminalOutcome(d.outcome());
        }
        if (d.outcome() == TerminalOutcome.SUCCEEDED) {
            b.lastError(null).failureClass((String) null);
        }
        if (r.status().terminal()) {
            b.controlPhase(ControlPhase.TERMINAL).phaseTimestampIfAbsent(ControlPhase.TERMINAL.wire(), now);
            if (row.completedAt() == null) {
                b.completedAt(now);
            }
        }
        b.lastReconciledAt(now);

        // step 5
        List<ProvenanceEvent> events = d.mismatchIfAny().map(m -> List.of(new ProvenanceEvent(
                "execution.reconciliation_mismatch", MISMATCH_ACTOR, row.uuid().toString(), new JsonObject()
                .put("code", m.code())
                .put("message", m.message())
                .put("requires_operator", m.requiresOperator())
                .put("previous_control_phase", row.controlPhase())
                .put("scheduler_state", projected.axes().scheduler().wire())
                .put("daliuge_state", projected.axes().daliuge().wire())))).orElse(List.of());
        return new Result(b.build(), row.status(), r.enteredTerminal(), false, r, events);
    }

    public static final class Builder {
        private ControlPhase controlPhase;
        private SubmissionState submissionState;
        private String schedulerName;
        private String schedulerJobId;
        private SchedulerState schedulerState;
        private String schedulerRawState;
        private String schedulerReason;
        private String daliugeSessionId;
        private String daliugeManagerUrl;
        private DaliugeState daliugeState;
        private JsonObject daliugeRawStatus;
        private String remoteSessionDir;
        private OutputState outputState;
        private TerminalOutcome terminalOutcome;
        private FailureClass failureClass;
        private String lastError;
        private boolean clearFailureContext;
        private OffsetDateTime lastReconciledAt;

        private Builder() {
        }

        public Builder controlPhase(ControlPhase v) { controlPhase = v; return this; }
        public Builder submissionState(SubmissionState v) { submissionState = v; return this; }
        public Builder schedulerName(String v) { schedulerName = v; return this; }
        public Builder schedulerJobId(String v) { schedulerJobId = v; return this; }
        public Builder schedulerState(SchedulerState v) { schedulerState = v; return this; }
        public Builder schedulerRawState(String v) { schedulerRawState = v; return this; }
        public Builder schedulerReason(String v) { schedulerReason = v; return this; }
        public Builder daliugeSessionId(String v) { daliugeSessionId = v; return this; }
        public Builder daliugeManagerUrl(String v) { daliugeManagerUrl = v; return this; }
        public Builder daliugeState(DaliugeState v) { daliugeState = v; return this; }
        public Builder daliugeRawStatus(JsonObject v) { daliugeRawStatus = v; return this; }
        public Builder remoteSessionDir(String v) { remoteSessionDir = v; return this; }
        public Builder outputState(OutputState v) { outputState = v; return this; }
        public Builder terminalOutcome(TerminalOutcome v) { terminalOutcome = v; return this; }
        public Builder failureClass(FailureClass v) { failureClass = v; return this; }
        public Builder lastError(String v) { lastError = v; return this; }
        public Builder clearFailureContext() { clearFailureContext = true; return this; }
        public Builder lastReconciledAt(OffsetDateTime v) { lastReconciledAt = v; return this; }

        public StatePatch build() {
            return new StatePatch(controlPhase, submissionState, schedulerName, schedulerJobId, schedulerState,
                    schedulerRawState, schedulerReason, daliugeSessionId, daliugeManagerUrl, daliugeState,
                    daliugeRawStatus, remoteSessionDir, outputState, terminalOutcome, failureClass, lastError,
                    clearFailureContext, lastReconciledAt);
        }
    }
}
