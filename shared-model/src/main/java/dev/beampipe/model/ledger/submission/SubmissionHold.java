package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * An execute-job error observed after the submission intent (10-state §2.5, 40-backends §8.2): the execution is
 * <b>held</b>, never failed or resubmitted. {@code in_flight} is converted to {@code uncertain} (state patch with
 * the failure class — {@code inconsistent_state}, or {@code timeout} with {@link #deadlineExceededMessage} — the
 * error and {@code last_reconciled_at}; reconciliation makes the row {@code awaiting_scheduler}); for
 * {@code in_flight}, {@code uncertain} and {@code submitted} provenance {@code execution.submission_uncertain}
 * {@code {error, submission_state, system_action}} is written (best-effort in the reference; here in the same
 * transaction). The job then completes without a job-level retry. Any other state is not held: the caller
 * continues with the terminal failure.
 */
public final class SubmissionHold {
    public static final String SYSTEM_ACTION = "submission is held for reconciliation and will not be repeated automatically";
    public static final String EVENT = "execution.submission_uncertain";
    public static final String ACTOR = "system:execute";

    private SubmissionHold() {
    }

    public enum Action {
        /** {@code in_flight} became {@code uncertain}; the event was written. */
        CONVERTED_TO_UNCERTAIN,
        /** Already {@code uncertain} or {@code submitted}: unchanged; the event was written. */
        ALREADY_HELD,
        /** The submission does not hold the execution: nothing written, the caller fails it terminally. */
        NOT_HELD,
        /** The execution is terminal: nothing written, the error is discarded. */
        TERMINAL,
        NOT_FOUND
    }

    /** @param submissionState the stored submission state after the call */
    public record Held(Action action, String status, String submissionState) {
        public boolean held() {
            return action == Action.CONVERTED_TO_UNCERTAIN || action == Action.ALREADY_HELD;
        }
    }

    /** The reference's deadline message, the timestamp as RFC 3339 UTC. */
    public static String deadlineExceededMessage(OffsetDateTime deadline) {
        return "backend submission exceeded its persisted wall-clock deadline at "
                + deadline.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** @param failureClass {@code inconsistent_state} (null) or {@code timeout} */
    public static Held hold(Database db, UUID id, String error, FailureClass failureClass) {
        return db.inTransaction(sql -> hold(sql, id, error, failureClass, null));
    }

    /** The persisted deadline passed: held as {@code timeout} with the deadline message (the deadline read under the lock). */
    public static Held holdDeadlineExceeded(Database db, UUID id) {
        return db.inTransaction(sql -> {
            if (ExecutionStore.lock(sql, id).isEmpty()) {
                return new Held(Action.NOT_FOUND, null, null);
            }
            OffsetDateTime deadline = sql.first("SELECT submission_deadline_at FROM batch_execution_record WHERE uuid = $1",
                    r -> r.getOffsetDateTime(0), id).orElse(null);
            if (deadline == null) {
                throw new SubmissionRejected("submission_deadline_missing", "execution has no persisted submission deadline");
            }
            return hold(sql, id, deadlineExceededMessage(deadline), FailureClass.TIMEOUT, null);
        });
    }

    public static Held hold(Sql sql, UUID id, String error, FailureClass failureClass, String correlationId) {
        FailureClass cls = failureClass == null ? FailureClass.INCONSISTENT_STATE : failureClass;
        if (cls != FailureClass.INCONSISTENT_STATE && cls != FailureClass.TIMEOUT) {
            throw new IllegalArgumentException("a held submission is inconsistent_state or timeout, not " + cls.wire());
        }
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id);
        if (locked.isEmpty()) {
            return new Held(Action.NOT_FOUND, null, null);
        }
        ExecutionRow row = locked.get().row();
        if (row.terminal()) {
            return new Held(Action.TERMINAL, row.status().wire(), row.submissionState());
        }
        SubmissionState state = SubmissionState.parse(row.submissionState());
        if (!state.holdsAutomaticWork()) {
            return new Held(Action.NOT_HELD, row.status().wire(), row.submissionState());
        }
        Action action = Action.ALREADY_HELD;
        ExecutionRow after = row;
        if (state == SubmissionState.IN_FLIGHT) {
            after = ExecutionStore.applyState(sql, id, StatePatch.builder().submissionState(SubmissionState.UNCERTAIN)
                    .failureClass(cls).lastError(error).lastReconciledAt(ExecutionStore.clock(sql)).build(), correlationId)
                    .orElseThrow().row();
            action = Action.CONVERTED_TO_UNCERTAIN;
        }
        LedgerRecords.provenance(sql, EVENT, locked.get().projectModule(), id, ACTOR, correlationId, new JsonObject()
                .put("error", error).put("submission_state", after.submissionState()).put("system_action", SYSTEM_ACTION));
        return new Held(action, after.status().wire(), after.submissionState());
    }
}
