package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.beampipe.model.ledger.state.ExecutionStatus.*;
import static dev.beampipe.model.ledger.state.Rows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write path 1 (10-state §2.3): the ledger patch's validation and side effects. */
class LedgerPatchTest {

    @Test
    void firstEntryToRunningSetsStartedAtAndWritesExecutionRunning() {
        LedgerPatch.Result r = LedgerPatch.apply(pending(),
                LedgerPatch.toStatus(RUNNING).withPhase(PhaseChange.set(ExecutionPhase.STAGE_AND_MANIFEST)), "corr-1", T1);

        assertThat(r.statusChanged()).isTrue();
        assertThat(r.statusDropped()).isFalse();
        assertThat(r.row().status()).isEqualTo(RUNNING);
        assertThat(r.row().startedAt()).isEqualTo(T1);
        assertThat(r.row().executionPhase()).isEqualTo(ExecutionPhase.STAGE_AND_MANIFEST);
        assertThat(r.row().updatedAt()).isEqualTo(T1);
        assertThat(r.provenance()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("execution.running");
            assertThat(e.actor()).isEqualTo("system:execution");
            assertThat(e.correlationId()).isEqualTo("corr-1");
            assertThat(e.payload()).isEqualTo(new JsonObject().put("from_status", "pending").put("to_status", "running"));
        });
    }

    @Test
    void reEnteringRunningKeepsTheFirstStartedAt() {
        ExecutionRow awaiting = in(AWAITING_SCHEDULER).startedAt(T0).build();
        LedgerPatch.Result r = LedgerPatch.apply(awaiting, LedgerPatch.toStatus(RUNNING), null, T2);
        assertThat(r.row().startedAt()).isEqualTo(T0);
        assertThat(r.provenance()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("execution.running");
            assertThat(e.correlationId()).as("defaults to the execution id").isEqualTo(ID.toString());
        });
    }

    @Test
    void aSelfTransitionIsANoOpWithoutEvents() {
        LedgerPatch.Result r = LedgerPatch.apply(running(), LedgerPatch.toStatus(RUNNING), "again", T2);
        assertThat(r.statusChanged()).isFalse();
        assertThat(r.provenance()).isEmpty();
        assertThat(r.row().startedAt()).isEqualTo(T0);
    }

    @Test
    void enteringAwaitingSchedulerWritesItsEvent() {
        LedgerPatch.Result r = LedgerPatch.apply(running(), LedgerPatch.toStatus(AWAITING_SCHEDULER), "c", T1);
        assertThat(r.provenance()).extracting(ProvenanceEvent::eventType).containsExactly("execution.awaiting_scheduler");
        assertThat(r.row().completedAt()).isNull();
        assertThat(r.row().controlPhase()).isEqualTo("admitted");
    }

    @Test
    void phaseChangeToSubmitWritesExecuteStartedOnce() {
        LedgerPatch.Result first = LedgerPatch.apply(running(), LedgerPatch.empty()
                .withPhase(PhaseChange.set(ExecutionPhase.SUBMIT))
                .withWorkflowManifest(new JsonObject().put("k", 1)), "c", T1);
        assertThat(first.provenance()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("execution.execute_started");
            assertThat(e.payload()).isEqualTo(new JsonObject().put("execution_phase", "submit"));
        });
        assertThat(first.row().workflowManifest()).isEqualTo(new JsonObject().put("k", 1));
        assertThat(first.statusChanged()).isFalse();

        LedgerPatch.Result again = LedgerPatch.apply(first.row(),
                LedgerPatch.empty().withPhase(PhaseChange.set(ExecutionPhase.SUBMIT)), "c", T2);
        assertThat(again.provenance()).isEmpty();
    }

    @ParameterizedTest(name = "running -> {0}: outcome {1}")
    @CsvSource(nullValues = "NULL", value = {"completed, succeeded", "failed, failed", "cancelled, cancelled",
            "not_submitted, NULL"})
    void enteringATerminalStatus(String to, String outcome) {
        LedgerPatch.Result r = LedgerPatch.apply(running(), LedgerPatch.toStatus(ExecutionStatus.parse(to)), "c", T1);
        ExecutionRow row = r.row();
        assertThat(row.completedAt()).isEqualTo(T1);
        assertThat(row.controlPhase()).isEqualTo("terminal");
        assertThat(row.phaseTimestamps()).containsEntry("terminal", T1);
        assertThat(row.executionPhase()).as("cleared: the patch did not set it").isNull();
        assertThat(row.terminalOutcome()).isEqualTo(outcome);
        assertThat(r.provenance()).isEmpty();
    }

    @Test
    void terminalSideEffectsKeepWhatIsAlreadyThere() {
        ExecutionRow row = in(RUNNING).completedAt(T0).phaseTimestamp("terminal", T0).terminalOutcome(TerminalOutcome.INCONSISTENT)
                .build();
        ExecutionRow failed = LedgerPatch.apply(row, LedgerPatch.toStatus(FAILED)
                .withPhase(PhaseChange.set(ExecutionPhase.SUBMIT)), "c", T2).row();
        assertThat(failed.completedAt()).isEqualTo(T0);
        assertThat(failed.phaseTimestamps()).containsEntry("terminal", T0);
        assertThat(failed.terminalOutcome()).as("COALESCE(existing, failed)").isEqualTo("inconsistent");
        assertThat(failed.executionPhase()).as("the patch set it").isEqualTo(ExecutionPhase.SUBMIT);
    }

    @Test
    void failedToRetryingIncrementsRetryCountAndClearsTheError() {
        ExecutionRow failed = in(FAILED).lastError("boom").retryCount(2).build();
        ExecutionRow retrying = LedgerPatch.apply(failed, LedgerPatch.toStatus(RETRYING), "c", T1).row();
        assertThat(retrying.retryCount()).isEqualTo(3);
        assertThat(retrying.lastError()).isNull();

        ExecutionRow running = LedgerPatch.apply(retrying.toBuilder().lastError("transient").build(),
                LedgerPatch.toStatus(RUNNING), "c", T2).row();
        assertThat(running.retryCount()).as("retrying -> running does not bump").isEqualTo(3);
        assertThat(running.lastError()).isNull();
    }

    @Test
    void resumingKeepsAnErrorThePatchCarries() {
        ExecutionRow failed = in(FAILED).lastError("old").build();
        assertThat(LedgerPatch.apply(failed, LedgerPatch.toStatus(RUNNING).withError("new"), "c", T1).row().lastError())
                .isEqualTo("new");
        assertThat(LedgerPatch.apply(failed, LedgerPatch.toStatus(RUNNING), "c", T1).row().lastError()).isNull();
    }

    @Test
    void enteringCompletedClearsTheErrorUnlessThePatchCarriesOne() {
        ExecutionRow row = in(RUNNING).lastError("transient").build();
        assertThat(LedgerPatch.apply(row, LedgerPatch.toStatus(COMPLETED), "c", T1).row().lastError()).isNull();
        assertThat(LedgerPatch.apply(row, LedgerPatch.toStatus(COMPLETED).withError("note"), "c", T1).row().lastError())
                .isEqualTo("note");
        assertThat(LedgerPatch.apply(row, LedgerPatch.toStatus(FAILED), "c", T1).row().lastError())
                .as("entering failed keeps it").isEqualTo("transient");
        assertThat(LedgerPatch.apply(row, LedgerPatch.toStatus(AWAITING_SCHEDULER), "c", T1).row().lastError())
                .isEqualTo("transient");
    }

    @Test
    void clearErrorAndErrorWithoutAStatusChange() {
        ExecutionRow row = in(RUNNING).lastError("x").build();
        assertThat(LedgerPatch.apply(row, LedgerPatch.empty().clearingError(), "c", T1).row().lastError()).isNull();
        assertThat(LedgerPatch.apply(row, LedgerPatch.empty().clearingError().withError("y"), "c", T1).row().lastError())
                .isEqualTo("y");
        assertThat(LedgerPatch.apply(row, LedgerPatch.empty(), "c", T1).row().lastError()).isEqualTo("x");
    }

    @Test
    void schedulerFieldsAndPhaseTriState() {
        ExecutionRow row = in(RUNNING).schedulerName("workflow_auto").build();
        ExecutionRow kept = LedgerPatch.apply(row, LedgerPatch.empty(), "c", T1).row();
        assertThat(kept.schedulerName()).isEqualTo("workflow_auto");
        assertThat(kept.executionPhase()).isEqualTo(ExecutionPhase.STAGE_AND_MANIFEST);
        ExecutionRow changed = LedgerPatch.apply(row, LedgerPatch.empty().withScheduler("slurm", "4242")
                .withPhase(PhaseChange.CLEAR), "c", T1).row();
        assertThat(changed.schedulerName()).isEqualTo("slurm");
        assertThat(changed.schedulerJobId()).isEqualTo("4242");
        assertThat(changed.executionPhase()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @CsvSource({"pending, completed", "pending, awaiting_scheduler", "pending, not_submitted", "pending, retrying",
            "running, retrying", "running, pending", "awaiting_scheduler, not_submitted", "not_submitted, failed",
            "not_submitted, completed", "failed, completed", "failed, pending", "retrying, completed",
            "retrying, awaiting_scheduler"})
    void illegalTransitionsAreErrorsAndChangeNothing(String from, String to) {
        ExecutionRow row = in(ExecutionStatus.parse(from)).build();
        assertThatThrownBy(() -> LedgerPatch.apply(row, LedgerPatch.toStatus(ExecutionStatus.parse(to)), "c", T1))
                .isInstanceOf(LedgerRuleViolation.class)
                .hasMessage("invalid status transition from " + from + " to " + to)
                .satisfies(e -> assertThat(((LedgerRuleViolation) e).code()).isEqualTo("invalid_status_transition"));
    }

    @ParameterizedTest(name = "{0} ignores a change to anything else")
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "CANCELLED"})
    void aChangeAwayFromALockedTerminalIsSilentlyDroppedButTheRestApplies(ExecutionStatus locked) {
        ExecutionRow row = in(locked).completedAt(T0).controlPhase(ControlPhase.TERMINAL).build();
        for (ExecutionStatus to : ExecutionStatus.values()) {
            LedgerPatch.Result r = LedgerPatch.apply(row, LedgerPatch.toStatus(to).withError("late")
                    .withScheduler("slurm", null), "late:worker", T2);
            assertThat(r.row().status()).isEqualTo(locked);
            assertThat(r.statusChanged()).isFalse();
            assertThat(r.statusDropped()).isEqualTo(to != locked);
            assertThat(r.provenance()).isEmpty();
            assertThat(r.row().lastError()).isEqualTo("late");
            assertThat(r.row().schedulerName()).isEqualTo("slurm");
            assertThat(r.row().completedAt()).isEqualTo(T0);
        }
    }

    @Test
    void aDroppedChangeWritesNoExecuteStartedEither() {
        ExecutionRow completed = in(COMPLETED).executionPhase(null).build();
        LedgerPatch.Result r = LedgerPatch.apply(completed, LedgerPatch.toStatus(RUNNING)
                .withPhase(PhaseChange.set(ExecutionPhase.SUBMIT)), "late", T1);
        assertThat(r.provenance()).isEmpty();
    }

    @Test
    void failedAndNotSubmittedAreTerminalButNotLocked() {
        assertThat(LedgerPatch.apply(in(FAILED).build(), LedgerPatch.toStatus(CANCELLED), "c", T1).row().status())
                .isEqualTo(CANCELLED);
        assertThat(LedgerPatch.apply(in(NOT_SUBMITTED).build(), LedgerPatch.toStatus(RUNNING), "c", T1).row().status())
                .isEqualTo(RUNNING);
    }

    @Test
    void completedRequiresVerifiedOutputsWhenThePolicyRequiresThem() {
        ExecutionRow gated = gatedPending().toBuilder().status(RUNNING).startedAt(T0).build();
        assertThatThrownBy(() -> LedgerPatch.apply(gated, LedgerPatch.toStatus(COMPLETED), "c", T1))
                .isInstanceOf(LedgerRuleViolation.class)
                .satisfies(e -> assertThat(((LedgerRuleViolation) e).code())
                        .isEqualTo("required_output_completion_unverified"));
        ExecutionRow verified = gated.toBuilder().outputState(OutputState.VERIFIED).build();
        ExecutionRow done = LedgerPatch.apply(verified, LedgerPatch.toStatus(COMPLETED), "c", T1).row();
        assertThat(done.status()).isEqualTo(COMPLETED);
        assertThat(done.satisfiesCompletionGate()).isTrue();
        assertThat(gated.toBuilder().status(COMPLETED).build().satisfiesCompletionGate()).isFalse();
    }
}
