package dev.beampipe.model.ledger.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.beampipe.model.ledger.state.ExecutionStatus.*;
import static dev.beampipe.model.ledger.state.Rows.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference's pinned behaviours of 10-state §7.4–7.6 that live in the pure state machine, as given / when / then.
 * (The database halves of those items — selectors, artifacts, job fencing — belong to the handlers' tests.)
 */
class PinnedLedgerBehavioursTest {

    private static StatePatch.Builder patch() {
        return StatePatch.builder();
    }

    // 27
    @Test
    void runningWithTransientErrorPatchedFinishedWithoutSchedulerJobCompletesAndClearsTheError() {
        // given a running execution with a transient last_error and no scheduler job
        ExecutionRow row = in(RUNNING).lastError("transient DIM hiccup").failureClass(FailureClass.CONNECTIVITY)
                .submissionState(SubmissionState.SUBMITTED).daliugeState(DaliugeState.RUNNING).build();
        // when a state patch reports daliuge finished
        StatePatch.Result r = StatePatch.apply(row, patch().daliugeState(DaliugeState.FINISHED).build(), T1);
        // then completed / succeeded, error cleared
        assertThat(r.row().status()).isEqualTo(COMPLETED);
        assertThat(r.row().terminalOutcome()).isEqualTo("succeeded");
        assertThat(r.row().lastError()).isNull();
        assertThat(r.enteredTerminal()).isTrue();
    }

    // 28
    @Test
    void requiredOutputsKeepAFinishedRunRunningAndDirectCompletionIsRefused() {
        ExecutionRow row = gatedPending().toBuilder().status(RUNNING).startedAt(T0)
                .submissionState(SubmissionState.SUBMITTED).daliugeState(DaliugeState.RUNNING).build();
        ExecutionRow out = StatePatch.apply(row, patch().daliugeState(DaliugeState.FINISHED).build(), T1).row();
        assertThat(out.status()).isEqualTo(RUNNING);
        assertThat(out.outputState()).isEqualTo("pending");
        assertThat(out.terminalOutcome()).isNull();
        assertThat(out.completedAt()).isNull();
        // the pure counterpart of "a direct status='completed' is rejected by the database"
        assertThat(out.toBuilder().status(COMPLETED).build().satisfiesCompletionGate()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LedgerPatch.apply(out, LedgerPatch.toStatus(COMPLETED), "c", T2))
                .isInstanceOf(LedgerRuleViolation.class);
    }

    // 31 (the pure half): an execution that does not require verification never waits for it
    @Test
    void anExecutionWithoutRequiredVerificationNeverAwaitsIt() {
        Axes finished = Axes.initial(false).with(SubmissionState.SUBMITTED).with(DaliugeState.FINISHED);
        assertThat(Reconcile.awaitsOutputVerification(finished)).isFalse();
        assertThat(Reconcile.awaitsOutputVerification(
                new Axes(SubmissionState.SUBMITTED, SchedulerState.SUCCEEDED, DaliugeState.FINISHED, OutputState.PENDING,
                        true))).isTrue();
    }

    // 32
    @Test
    void aTerminalFailedExecutionPatchedWithMetadataIsNotReEntered() {
        ExecutionRow failed = in(FAILED).completedAt(T0).controlPhase(ControlPhase.TERMINAL)
                .terminalOutcome(TerminalOutcome.FAILED).build();
        StatePatch.Result r = StatePatch.apply(failed, patch().controlPhase(ControlPhase.TERMINAL)
                .terminalOutcome(TerminalOutcome.FAILED).build(), T2);
        assertThat(r.enteredTerminal()).isFalse();
        assertThat(r.row().status()).isEqualTo(FAILED);
        assertThat(r.row().completedAt()).isEqualTo(T0);
    }

    // 33, first half
    @Test
    void aLateRunningPatchOnACompletedExecutionWritesNoSecondRunningEvent() {
        List<ProvenanceEvent> events = new ArrayList<>();
        LedgerPatch.Result running = LedgerPatch.apply(pending(), LedgerPatch.toStatus(RUNNING), "worker", T1);
        events.addAll(running.provenance());
        LedgerPatch.Result completed = LedgerPatch.apply(running.row(), LedgerPatch.toStatus(COMPLETED), "worker", T2);
        events.addAll(completed.provenance());
        LedgerPatch.Result late = LedgerPatch.apply(completed.row(), LedgerPatch.toStatus(RUNNING), "late:worker", T3);
        events.addAll(late.provenance());

        assertThat(late.row().status()).isEqualTo(COMPLETED);
        assertThat(events).filteredOn(e -> e.eventType().equals("execution.running")).hasSize(1);
        assertThat(events).filteredOn(e -> e.correlationId().equals("late:worker")).isEmpty();
    }

    // 33, second half
    @Test
    void twoRunningPatchesAroundAGraphPatchedStatePatchKeepRunningWithOneEvent() {
        List<ProvenanceEvent> events = new ArrayList<>();
        LedgerPatch.Result first = LedgerPatch.apply(pending(), LedgerPatch.toStatus(RUNNING), "w", T1);
        events.addAll(first.provenance());
        StatePatch.Result graph = StatePatch.apply(first.row(), patch().controlPhase(ControlPhase.GRAPH_PATCHED).build(), T2);
        events.addAll(graph.provenance());
        assertThat(graph.row().status()).isEqualTo(RUNNING);
        LedgerPatch.Result second = LedgerPatch.apply(graph.row(), LedgerPatch.toStatus(RUNNING), "w", T3);
        events.addAll(second.provenance());

        assertThat(second.row().status()).isEqualTo(RUNNING);
        assertThat(second.row().controlPhase()).isEqualTo("graph_patched");
        assertThat(events).extracting(ProvenanceEvent::eventType).containsExactly("execution.running");
    }

    // 38
    @Test
    void aDaliugeRunningPollNeverForgesAReceipt() {
        for (SubmissionState unresolved : List.of(SubmissionState.IN_FLIGHT, SubmissionState.UNCERTAIN)) {
            ExecutionRow row = in(RUNNING).submissionState(unresolved).schedulerName("daliuge")
                    .daliugeSessionId("BeampipeExecution-1").build();
            ExecutionRow out = StatePatch.apply(row, patch().daliugeState(DaliugeState.RUNNING).build(), T1).row();
            assertThat(out.submissionState()).isEqualTo(unresolved.wire());
            assertThat(out.status().terminal()).isFalse();
        }
    }

    // 39, 46, 48: polls after a cancellation change nothing
    @Test
    void latePollsAndStaleSuccessAfterACancellationChangeNothing() {
        ExecutionRow cancelled = in(CANCELLED).executionPhase(null).controlPhase(ControlPhase.TERMINAL)
                .terminalOutcome(TerminalOutcome.CANCELLED).completedAt(T1).submissionState(SubmissionState.UNCERTAIN)
                .schedulerName("slurm").schedulerJobId("4242").schedulerState(SchedulerState.CANCELLED)
                .schedulerRawState("CANCELLED_CONFIRMED").build();
        for (StatePatch late : List.of(
                patch().schedulerState(SchedulerState.SUCCEEDED).daliugeState(DaliugeState.FINISHED).build(),
                patch().schedulerState(SchedulerState.RUNNING).schedulerRawState("RUNNING").build(),
                patch().outputState(OutputState.VERIFIED).clearFailureContext().build())) {
            StatePatch.Result r = StatePatch.apply(cancelled, late, T2);
            assertThat(r.ignored()).isTrue();
            assertThat(r.row()).isEqualTo(cancelled);
        }
        LedgerPatch.Result ledger = LedgerPatch.apply(cancelled, LedgerPatch.toStatus(RUNNING), "late", T2);
        assertThat(ledger.row().status()).isEqualTo(CANCELLED);
        assertThat(ledger.provenance()).isEmpty();
    }

    // 40
    @Test
    void slurmCompletedWithRequiredOutputsWaitsForVerification() {
        ExecutionRow row = gatedPending().toBuilder().status(AWAITING_SCHEDULER).startedAt(T0)
                .submissionState(SubmissionState.SUBMITTED).schedulerName("slurm").schedulerJobId("9")
                .schedulerState(SchedulerState.RUNNING).controlPhase(ControlPhase.MONITORING).build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerState(SchedulerState.fromSlurmToken("COMPLETED"))
                .daliugeState(DaliugeState.FINISHED).controlPhase(ControlPhase.OUTPUT_VERIFICATION).build(), T1);
        assertThat(r.row().status()).isEqualTo(RUNNING);
        assertThat(r.row().controlPhase()).isEqualTo("output_verification");
        assertThat(r.row().schedulerState()).isEqualTo("succeeded");
        assertThat(r.row().daliugeState()).isEqualTo("finished");
        assertThat(r.row().terminalOutcome()).isNull();
        assertThat(r.row().completedAt()).isNull();
    }

    // 40, second half
    @Test
    void dimFinishedWithErrorDropsFails() {
        ExecutionRow row = in(RUNNING).submissionState(SubmissionState.SUBMITTED).schedulerName("daliuge")
                .daliugeState(DaliugeState.RUNNING).build();
        StatePatch.Result r = StatePatch.apply(row, patch().daliugeState(DaliugeState.FAILED)
                .controlPhase(ControlPhase.MONITORING).build(), T1);
        assertThat(r.row().status()).isEqualTo(FAILED);
        assertThat(r.row().controlPhase()).isEqualTo("terminal");
        assertThat(r.row().daliugeState()).isEqualTo("failed");
        assertThat(r.row().terminalOutcome()).isEqualTo("failed");
        assertThat(r.enteredTerminal()).isTrue();
    }

    // 41
    @Test
    void unknownSchedulerWithRunningDaliugeStaysRunning() {
        ExecutionRow row = in(AWAITING_SCHEDULER).submissionState(SubmissionState.SUBMITTED).build();
        StatePatch.Result r = StatePatch.apply(row, patch().schedulerState(SchedulerState.fromSlurmToken("WEIRD"))
                .daliugeState(DaliugeState.RUNNING).build(), T1);
        assertThat(r.row().status()).isEqualTo(RUNNING);
        assertThat(r.enteredTerminal()).isFalse();
    }

    // 42 (the pure half): a second begin is "not begun"
    @Test
    void beginningASubmissionTwiceIsNotBegunTheSecondTime() {
        ExecutionRow row = running();
        assertThat(SubmissionMachine.begin(row.status(), row.submissionState())).isEqualTo(SubmissionMachine.Begin.BEGIN);
        String afterIntent = SubmissionState.IN_FLIGHT.wire();
        assertThat(SubmissionMachine.begin(row.status(), afterIntent)).isEqualTo(SubmissionMachine.Begin.NOT_BEGUN);
    }

    // 44
    @Test
    void aRecoveredExactSlurmIdOnAnUncertainSubmissionAwaitsTheSchedulerUntilTheReceipt() {
        ExecutionRow row = in(RUNNING).controlPhase(ControlPhase.SUBMISSION_PENDING)
                .submissionState(SubmissionState.IN_FLIGHT).schedulerName("slurm").build();
        // the name lookup's exact match: job id stored, submission uncertain, scheduler state from the lookup
        StatePatch.Result r = StatePatch.apply(row, patch().submissionState(
                SubmissionMachine.next(SubmissionState.IN_FLIGHT, SubmissionMachine.Event.EXACT_NAME_MATCH))
                .schedulerJobId("4242").schedulerState(SchedulerState.RUNNING).build(), T1);
        assertThat(r.row().status()).isEqualTo(AWAITING_SCHEDULER);
        assertThat(r.row().controlPhase()).isEqualTo("submission_pending");
        assertThat(r.row().submissionState()).isEqualTo("uncertain");
        assertThat(SubmissionMachine.begin(r.row().status(), r.row().submissionState()))
                .isEqualTo(SubmissionMachine.Begin.NOT_BEGUN);
        // the receipt's target status: reconcile() with submission=submitted and the recovered scheduler state
        ExecutionStatus target = Reconcile.reconcile(r.row().axes().with(SubmissionState.SUBMITTED), r.row().status())
                .status();
        assertThat(target).isEqualTo(RUNNING);
        assertThat(ExecutionStatus.allows(r.row().status(), target)).isTrue();
    }

    // 49 (the pure half): an abandoned execution is terminal; nothing reopens it
    @Test
    void anAbandonedSubmissionStaysFailedInconsistent() {
        ExecutionRow abandoned = in(FAILED).executionPhase(null).controlPhase(ControlPhase.TERMINAL)
                .terminalOutcome(TerminalOutcome.INCONSISTENT).failureClass(FailureClass.INCONSISTENT_STATE)
                .submissionState(SubmissionMachine.next(SubmissionState.IN_FLIGHT,
                        SubmissionMachine.Event.OPERATOR_ABANDONMENT)).completedAt(T1).build();
        assertThat(abandoned.submissionState()).isEqualTo("in_flight");
        assertThat(SubmissionMachine.begin(abandoned.status(), abandoned.submissionState()))
                .isEqualTo(SubmissionMachine.Begin.NOT_BEGUN);
        assertThat(StatePatch.apply(abandoned, patch().submissionState(SubmissionState.SUBMITTED)
                .schedulerState(SchedulerState.PENDING).build(), T2).row()).isEqualTo(abandoned);
    }

    // 57
    @Test
    void theStateMachineAsTheReferencePinsIt() {
        assertThat(ExecutionStatus.allows(COMPLETED, RUNNING)).isFalse();
        assertThat(ExecutionStatus.allows(CANCELLED, RUNNING)).isFalse();
        assertThat(NOT_SUBMITTED.terminal()).isTrue();

        ExecutionRow completed = in(COMPLETED).completedAt(T1).build();
        LedgerPatch.Result late = LedgerPatch.apply(completed, LedgerPatch.toStatus(FAILED), "c", T2);
        assertThat(late.row().status()).as("completed ignores a later failed").isEqualTo(COMPLETED);

        ExecutionRow failed = in(FAILED).lastError("boom").build();
        ExecutionRow retrying = LedgerPatch.apply(failed, LedgerPatch.toStatus(RETRYING), "c", T1).row();
        assertThat(retrying.retryCount()).isEqualTo(1);
        assertThat(retrying.lastError()).isNull();
        ExecutionRow retryingAgain = LedgerPatch.apply(retrying, LedgerPatch.toStatus(RETRYING), "c", T2).row();
        assertThat(retryingAgain.retryCount()).as("bumped once").isEqualTo(1);
        ExecutionRow running = LedgerPatch.apply(retryingAgain, LedgerPatch.toStatus(RUNNING)
                .withPhase(PhaseChange.set(ExecutionPhase.SUBMIT)), "c", T3).row();
        assertThat(running.retryCount()).isEqualTo(1);
        assertThat(running.status()).isEqualTo(RUNNING);
    }
}
