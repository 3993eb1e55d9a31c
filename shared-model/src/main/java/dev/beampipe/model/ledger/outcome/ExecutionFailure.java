package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.state.LedgerPatch;
import dev.beampipe.model.ledger.state.PhaseChange;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.state.TerminalOutcome;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The execute job's terminal failure (10-state §5.3 "Error handling"), one transaction: state patch
 * ({@code terminal_outcome='failed'}, {@code failure_class}, {@code last_error}), ledger → {@code failed} with the
 * worker phase kept, the sources re-pended with backoff ({@link SourceOutcomes#repend}), and provenance
 * {@code execution.failed} {@code {"source_identifiers","error"}} — "best-effort" in the reference (written after
 * commit); here it is written in the same transaction, so an event exists exactly when the change committed.
 * <p>
 * The caller's failure class is kept (the reference overwrites every class with {@code internal}, 40-backends
 * §8.1); {@code null} means {@code internal}. A row that is already terminal is left alone (the error is
 * discarded), and a row whose submission is {@code in_flight|uncertain|submitted} is refused with
 * {@link Kind#SUBMISSION_HELD}: such an error must go through {@code SubmissionHold}, never fail the execution.
 * When the state patch alone makes the row terminal (the stored axes already say cancelled, finished or failed),
 * that transition's {@link TerminalEffects} run and no ledger patch is written on the now terminal row
 * ({@link Kind#RECONCILED_TERMINAL}, or {@link Kind#FAILED} when the axes say failed).
 * <p>
 * Alerting: no in-app alert writer exists yet (issue 8). {@link Result#alertDue()} tells the caller that the
 * {@code execution.failed} alert (severity {@code critical}, trigger {@code execution_terminal}) is due.
 */
public final class ExecutionFailure {
    public static final String ACTOR = "system:execute";
    public static final String EVENT = "execution.failed";

    private ExecutionFailure() {
    }

    public enum Kind {
        /** The execution was failed by this call (or, for a definite submission failure, its follow-ups ran). */
        FAILED,
        /** The row was already terminal: nothing written. */
        ALREADY_TERMINAL,
        /**
         * The stored axes reconciled the row to another terminal status (e.g. a recorded cancellation) when the
         * failure was applied: that status's {@link TerminalEffects} ran, the execution was not failed.
         */
        RECONCILED_TERMINAL,
        /** The submission holds the execution ({@code in_flight|uncertain|submitted}): nothing written. */
        SUBMISSION_HELD,
        NOT_FOUND
    }

    /** @param sourcesRepended source rows re-pended */
    public record Result(Kind kind, UUID executionId, ExecutionStatus status, String submissionState,
                         FailureClass failureClass, String error, List<String> sourceIdentifiers, int sourcesRepended) {
        public boolean failed() {
            return kind == Kind.FAILED;
        }

        /** The {@code execution.failed} alert is due (issue 8 raises it; no alert writer exists yet). */
        public boolean alertDue() {
            return kind == Kind.FAILED;
        }
    }

    public static Result failTerminal(Database db, UUID id, String error, FailureClass failureClass, String actor) {
        return db.inTransaction(sql -> failTerminal(sql, id, error, failureClass, actor, null));
    }

    public static Result failTerminal(Sql sql, UUID id, String error, FailureClass failureClass, String actor) {
        return failTerminal(sql, id, error, failureClass, actor, null);
    }

    /** @param correlationId null means the execution id */
    public static Result failTerminal(Sql sql, UUID id, String error, FailureClass failureClass, String actor,
                                      String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id);
        if (locked.isEmpty()) {
            return new Result(Kind.NOT_FOUND, id, null, null, null, error, List.of(), 0);
        }
        ExecutionRow row = locked.get().row();
        FailureClass cls = failureClass == null ? FailureClass.INTERNAL : failureClass;
        if (row.terminal()) {
            return skipped(Kind.ALREADY_TERMINAL, row, locked.get(), error);
        }
        if (SubmissionState.parse(row.submissionState()).holdsAutomaticWork()) {
            return skipped(Kind.SUBMISSION_HELD, row, locked.get(), error);
        }
        StatePatch.Result state = ExecutionStore.applyState(sql, id, StatePatch.builder()
                .terminalOutcome(TerminalOutcome.FAILED).failureClass(cls).lastError(error).build(), correlationId)
                .orElseThrow();
        if (state.enteredTerminal()) {
            // the stored axes made the row terminal on their own (a recorded cancellation, a finished or failed
            // session): that transition's effects, and no ledger patch on the now terminal row
            TerminalEffects.Effects effects = TerminalEffects.after(sql, locked.get(), state, correlationId);
            ExecutionRow reconciled = state.row();
            return new Result(reconciled.status() == ExecutionStatus.FAILED ? Kind.FAILED : Kind.RECONCILED_TERMINAL,
                    id, reconciled.status(), reconciled.submissionState(), FailureClass.parse(reconciled.failureClass()),
                    error, locked.get().sourceIdentifiers(), reconciled.status() == ExecutionStatus.FAILED
                    ? effects.sourcesChanged() : 0);
        }
        ExecutionRow after = ExecutionStore.applyLedger(sql, id, LedgerPatch.toStatus(ExecutionStatus.FAILED)
                .withPhase(PhaseChange.set(row.executionPhase())).withError(error), correlationId).orElseThrow().row();
        return followUps(sql, locked.get(), after, error, actor, correlationId);
    }

    /**
     * The failure follow-ups on a row that is already {@code failed} (decision 3: also after a definite submission
     * failure): sources re-pended with backoff, best-effort {@code execution.failed}.
     */
    public static Result followUps(Sql sql, ExecutionStore.LockedRow locked, ExecutionRow failedRow, String error,
                                   String actor, String correlationId) {
        SourceOutcomes.Selection selection = SourceOutcomes.of(locked);
        int repended = SourceOutcomes.repend(sql, selection);
        LedgerRecords.provenance(sql, EVENT, locked.projectModule(), failedRow.uuid(),
                actor == null ? ACTOR : actor, correlationId, new JsonObject()
                        .put("source_identifiers", new JsonArray(selection.sourceIdentifiers())).put("error", error));
        return new Result(Kind.FAILED, failedRow.uuid(), failedRow.status(), failedRow.submissionState(),
                FailureClass.parse(failedRow.failureClass()), error, selection.sourceIdentifiers(), repended);
    }

    private static Result skipped(Kind kind, ExecutionRow row, ExecutionStore.LockedRow locked, String error) {
        return new Result(kind, row.uuid(), row.status(), row.submissionState(), FailureClass.parse(row.failureClass()),
                error, locked.sourceIdentifiers(), 0);
    }
}
