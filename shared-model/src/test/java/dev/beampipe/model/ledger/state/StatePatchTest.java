package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.beampipe.model.ledger.state.ExecutionStatus.*;
import static dev.beampipe.model.ledger.state.Rows.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Write path 2 (10-state §2.4): the state patch / reconciliation. */
class StatePatchTest {

    private static StatePatch.Builder patch() {
        return StatePatch.builder();
    }

    @ParameterizedTest(name = "{0} is sticky")
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "CANCELLED", "NOT_SUBMITTED"})
    void aTerminalRowIgnoresThePatchEntirely(ExecutionStatus terminal) {
        ExecutionRow row = in(terminal).completedAt(T0).controlPhase(ControlPhase.TERMINAL).lastError("e").build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerState(SchedulerState.RUNNING)
                .daliugeState(DaliugeState.RUNNING).controlPhase(ControlPhase.MONITORING).clearFailureContext()
                .lastReconciledAt(T2).build(), T2);
        assertThat(r.ignored()).isTrue();
        assertThat(r.row()).isSameAs(row);
        assertThat(r.enteredTerminal()).isFalse();
        assertThat(r.previousStatus()).isEqualTo(terminal);
        assertThat(r.reconciliation()).isNull();
        assertThat(r.provenance()).isEmpty();
    }

    @Test
    void nullFieldsKeepTheStoredValuesIncludingUnknownText() {
        ExecutionRow row = in(RUNNING).schedulerName("slurm").schedulerJobId("77").schedulerState("WEIRD_TEXT")
                .daliugeState(DaliugeState.RUNNING).failureClass(FailureClass.CONNECTIVITY).lastError("x").build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerRawState("RUNNING").build(), T1);
        ExecutionRow out = r.row();
        assertThat(out.schedulerName()).isEqualTo("slurm");
        assertThat(out.schedulerJobId()).isEqualTo("77");
        assertThat(out.schedulerState()).as("stored text as-is").isEqualTo("WEIRD_TEXT");
        assertThat(out.schedulerRawState()).isEqualTo("RUNNING");
        assertThat(out.failureClass()).isEqualTo("connectivity");
        assertThat(out.lastError()).isEqualTo("x");
        assertThat(out.status()).isEqualTo(RUNNING);
        assertThat(out.lastReconciledAt()).isEqualTo(T1);
        assertThat(out.updatedAt()).isEqualTo(T1);
        assertThat(r.reconciliation().decision().rule()).as("WEIRD_TEXT reads as not_submitted").isEqualTo(9);
    }

    @Test
    void everyAxisFieldIsMerged() {
        JsonObject raw = new JsonObject().put("state", "running");
        ExecutionRow out = StatePatch.apply(running(), patch().submissionState(SubmissionState.SUBMITTED)
                .schedulerName("daliuge").schedulerJobId("j").schedulerState(SchedulerState.NOT_SUBMITTED)
                .schedulerReason("r").daliugeSessionId("BeampipeExecution-x").daliugeManagerUrl("http://dim:8001")
                .daliugeState(DaliugeState.RUNNING).daliugeRawStatus(raw).remoteSessionDir("/scratch/s")
                .outputState(OutputState.PENDING).failureClass(FailureClass.TIMEOUT).lastError("slow").build(), T1).row();
        assertThat(out.submissionState()).isEqualTo("submitted");
        assertThat(out.schedulerName()).isEqualTo("daliuge");
        assertThat(out.schedulerJobId()).isEqualTo("j");
        assertThat(out.schedulerReason()).isEqualTo("r");
        assertThat(out.daliugeSessionId()).isEqualTo("BeampipeExecution-x");
        assertThat(out.daliugeManagerUrl()).isEqualTo("http://dim:8001");
        assertThat(out.daliugeState()).isEqualTo("running");
        assertThat(out.daliugeRawStatus()).isEqualTo(raw);
        assertThat(out.remoteSessionDir()).isEqualTo("/scratch/s");
        assertThat(out.outputState()).isEqualTo("pending");
        assertThat(out.failureClass()).isEqualTo("timeout");
        assertThat(out.lastError()).isEqualTo("slow");
    }

    @Test
    void clearFailureContextWinsOverPatchedFailureFields() {
        ExecutionRow row = in(RUNNING).failureClass(FailureClass.CONNECTIVITY).lastError("ssh down").build();
        ExecutionRow out = StatePatch.apply(row, patch().schedulerState(SchedulerState.RUNNING)
                .failureClass(FailureClass.TIMEOUT).lastError("ignored").clearFailureContext().build(), T1).row();
        assertThat(out.failureClass()).isNull();
        assertThat(out.lastError()).isNull();
    }

    @Test
    void aChangedControlPhaseIsTimestampedEachTimeItIsReEntered() {
        ExecutionRow first = StatePatch.apply(running(), patch().controlPhase(ControlPhase.GRAPH_PATCHED).build(), T1).row();
        assertThat(first.controlPhase()).isEqualTo("graph_patched");
        assertThat(first.phaseTimestamps()).containsEntry("graph_patched", T1);
        ExecutionRow same = StatePatch.apply(first, patch().controlPhase(ControlPhase.GRAPH_PATCHED).build(), T2).row();
        assertThat(same.phaseTimestamps()).as("unchanged phase: not re-stamped").containsEntry("graph_patched", T1);
        ExecutionRow monitoring = StatePatch.apply(same, patch().controlPhase(ControlPhase.MONITORING).build(), T2).row();
        ExecutionRow again = StatePatch.apply(monitoring, patch().controlPhase(ControlPhase.GRAPH_PATCHED).build(), T3)
                .row();
        assertThat(again.phaseTimestamps()).as("re-entered: overwritten").containsEntry("graph_patched", T3)
                .containsEntry("monitoring", T2);
    }

    @Test
    void successCompletesClearsTheErrorContextAndEntersTerminal() {
        ExecutionRow row = in(RUNNING).lastError("transient").failureClass(FailureClass.CONNECTIVITY)
                .submissionState(SubmissionState.SUBMITTED).build();
        StatePatch.Result r = StatePatch.apply(row, patch().daliugeState(DaliugeState.FINISHED).build(), T2);
        ExecutionRow out = r.row();
        assertThat(out.status()).isEqualTo(COMPLETED);
        assertThat(out.terminalOutcome()).isEqualTo("succeeded");
        assertThat(out.lastError()).isNull();
        assertThat(out.failureClass()).isNull();
        assertThat(out.controlPhase()).isEqualTo("terminal");
        assertThat(out.phaseTimestamps()).containsEntry("terminal", T2);
        assertThat(out.completedAt()).isEqualTo(T2);
        assertThat(out.lastReconciledAt()).isEqualTo(T2);
        assertThat(r.enteredTerminal()).isTrue();
        assertThat(r.previousStatus()).isEqualTo(RUNNING);
        assertThat(r.provenance()).isEmpty();
    }

    @Test
    void aFailureKeepsTheErrorContextAndTheDecisionOutcomeWinsOverThePatchedOne() {
        ExecutionRow out = StatePatch.apply(running(), patch().schedulerState(SchedulerState.FAILED)
                .terminalOutcome(TerminalOutcome.SUCCEEDED).failureClass(FailureClass.INTERNAL).lastError("exit 1")
                .build(), T1).row();
        assertThat(out.status()).isEqualTo(FAILED);
        assertThat(out.terminalOutcome()).isEqualTo("failed");
        assertThat(out.lastError()).isEqualTo("exit 1");
        assertThat(out.failureClass()).isEqualTo("internal");
    }

    @Test
    void aDecisionWithoutOutcomeKeepsThePatchedOutcome() {
        // the execute error handler's first step: a state patch carrying the failure context on a running row
        StatePatch.Result r = StatePatch.apply(running(), patch().terminalOutcome(TerminalOutcome.FAILED)
                .failureClass(FailureClass.INTERNAL).lastError("stage failed").build(), T1);
        assertThat(r.row().status()).as("pending decision does not demote").isEqualTo(RUNNING);
        assertThat(r.row().terminalOutcome()).isEqualTo("failed");
        assertThat(r.row().completedAt()).isNull();
        // ...then the ledger patch to failed keeps that outcome and the phase's context
        ExecutionRow failed = LedgerPatch.apply(r.row(), LedgerPatch.toStatus(FAILED), "c", T2).row();
        assertThat(failed.terminalOutcome()).isEqualTo("failed");
        assertThat(failed.lastError()).isEqualTo("stage failed");
        assertThat(failed.completedAt()).isEqualTo(T2);
    }

    @Test
    void noAllowsCheckIsMadeOnThisPath() {
        // retrying -> completed and pending -> awaiting_scheduler are illegal for the ledger patch
        assertThat(ExecutionStatus.allows(RETRYING, COMPLETED)).isFalse();
        ExecutionRow retrying = in(RETRYING).build();
        assertThat(StatePatch.apply(retrying, patch().daliugeState(DaliugeState.FINISHED).build(), T1).row().status())
                .isEqualTo(COMPLETED);
        assertThat(ExecutionStatus.allows(PENDING, AWAITING_SCHEDULER)).isFalse();
        assertThat(StatePatch.apply(pending(), patch().schedulerState(SchedulerState.PENDING).build(), T1).row().status())
                .isEqualTo(AWAITING_SCHEDULER);
    }

    @Test
    void aMismatchIsRecordedAsReconcilerProvenance() {
        ExecutionRow row = in(RUNNING).controlPhase(ControlPhase.MONITORING).schedulerState(SchedulerState.RUNNING)
                .daliugeState(DaliugeState.RUNNING).build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerState(SchedulerState.CANCELLED).build(), T1);
        assertThat(r.row().status()).isEqualTo(CANCELLED);
        assertThat(r.row().terminalOutcome()).isEqualTo("inconsistent");
        assertThat(r.enteredTerminal()).isTrue();
        assertThat(r.provenance()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("execution.reconciliation_mismatch");
            assertThat(e.actor()).isEqualTo("system:reconciler");
            assertThat(e.correlationId()).isEqualTo(ID.toString());
            assertThat(e.payload().getString("code")).isEqualTo("partial_cancellation");
            assertThat(e.payload().getBoolean("requires_operator")).isTrue();
            assertThat(e.payload().getString("message")).isNotBlank();
            assertThat(e.payload().getString("previous_control_phase")).isEqualTo("monitoring");
            assertThat(e.payload().getString("scheduler_state")).isEqualTo("cancelled");
            assertThat(e.payload().getString("daliuge_state")).isEqualTo("running");
            assertThat(e.payload().fieldNames()).containsExactlyInAnyOrder("code", "message", "requires_operator",
                    "previous_control_phase", "scheduler_state", "daliuge_state");
        });
    }

    @Test
    void completionGateHoldsARequiredOutputRunInRunning() {
        ExecutionRow row = gatedPending().toBuilder().status(RUNNING).startedAt(T0)
                .submissionState(SubmissionState.SUBMITTED).schedulerName("slurm").schedulerJobId("12")
                .schedulerState(SchedulerState.RUNNING).build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerState(SchedulerState.SUCCEEDED)
                .daliugeState(DaliugeState.FINISHED).controlPhase(ControlPhase.OUTPUT_VERIFICATION).build(), T1);
        ExecutionRow out = r.row();
        assertThat(out.status()).isEqualTo(RUNNING);
        assertThat(out.controlPhase()).isEqualTo("output_verification");
        assertThat(out.terminalOutcome()).isNull();
        assertThat(out.completedAt()).isNull();
        assertThat(out.outputState()).isEqualTo("pending");
        assertThat(out.satisfiesCompletionGate()).isTrue();
        assertThat(r.enteredTerminal()).isFalse();
        assertThat(r.reconciliation().decision().nextAction()).isEqualTo(NextAction.VERIFY_OUTPUTS);
        assertThat(Reconcile.awaitsOutputVerification(out.axes())).isTrue();

        // verified outputs (written with the state) complete it
        ExecutionRow done = StatePatch.apply(out, patch().outputState(OutputState.VERIFIED).build(), T2).row();
        assertThat(done.status()).isEqualTo(COMPLETED);
        assertThat(done.satisfiesCompletionGate()).isTrue();
    }
}
