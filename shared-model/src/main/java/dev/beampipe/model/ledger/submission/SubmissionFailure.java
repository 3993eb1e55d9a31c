package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.outcome.ExecutionFailure;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A definite submission failure (10-state §2.5, 40-backends §8.2: graph-shape/patch errors, TM translation errors,
 * {@code Backend(..)}, decision 10's definite DIM 4xx) of an {@code in_flight} submission: state patch
 * {@code submission_state='failed'}, {@code failure_class='dependency_unavailable'}, {@code last_error}, which
 * reconciles the execution to {@code failed}; and (decision 3, the reference skips them) the failure follow-ups of
 * {@link ExecutionFailure}: sources re-pended with backoff and {@code execution.failed}. Same transaction.
 */
public final class SubmissionFailure {
    private SubmissionFailure() {
    }

    public static ExecutionFailure.Result definite(Database db, UUID id, String error) {
        return db.inTransaction(sql -> definite(sql, id, error, null));
    }

    /**
     * @return {@code FAILED} when applied; {@code ALREADY_TERMINAL} / {@code SUBMISSION_HELD} (uncertain or submitted:
     *         a receipt or another error got there first) / {@code NOT_FOUND} with nothing written
     * @throws SubmissionRejected when no submission was begun ({@code not_started|preparing|failed})
     */
    public static ExecutionFailure.Result definite(Sql sql, UUID id, String error, String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id);
        if (locked.isEmpty()) {
            return new ExecutionFailure.Result(ExecutionFailure.Kind.NOT_FOUND, id, null, null, null, error, List.of(), 0);
        }
        ExecutionRow row = locked.get().row();
        SubmissionState state = SubmissionState.parse(row.submissionState());
        if (row.terminal() || state != SubmissionState.IN_FLIGHT) {
            if (!row.terminal() && !state.holdsAutomaticWork()) {
                throw new SubmissionRejected("submission_not_in_flight", "execution has no submission in flight "
                        + "(submission_state=" + state.wire() + ")");
            }
            return new ExecutionFailure.Result(row.terminal() ? ExecutionFailure.Kind.ALREADY_TERMINAL
                    : ExecutionFailure.Kind.SUBMISSION_HELD, id, row.status(), row.submissionState(),
                    FailureClass.parse(row.failureClass()), error, locked.get().sourceIdentifiers(), 0);
        }
        StatePatch.Result result = ExecutionStore.applyState(sql, id, StatePatch.builder()
                .submissionState(SubmissionState.FAILED).failureClass(FailureClass.DEPENDENCY_UNAVAILABLE).lastError(error)
                .lastReconciledAt(ExecutionStore.clock(sql)).build(), correlationId).orElseThrow();
        if (result.row().status() != ExecutionStatus.FAILED) {
            throw new IllegalStateException("a failed submission reconciles to failed, not " + result.row().status().wire());
        }
        return ExecutionFailure.followUps(sql, locked.get(), result.row(), error, ExecutionFailure.ACTOR, correlationId);
    }
}
