package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.ledger.store.Rfc3339;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
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

    static final String DEADLINE_EXCEEDED = "backend submission exceeded its persisted wall-clock deadline";

    /** The reference's deadline message, the timestamp as RFC 3339 UTC ({@link Rfc3339}: seconds always written). */
    public static String deadlineExceededMessage(OffsetDateTime deadline) {
        return DEADLINE_EXCEEDED + " at " + Rfc3339.utc(deadline);
    }

    /** @param failureClass {@code inconsistent_state} (null) or {@code timeout} */
    public static Held hold(Database db, UUID id, String error, FailureClass failureClass) {
        return db.inTransaction(sql -> hold(sql, id, error, failureClass, null));
    }

    /**
     * The persisted deadline passed: held as {@code timeout} with the deadline message (the deadline read under the
     * lock). The row is classified first: a terminal or not-held row is answered as by {@link #hold}; only an
     * {@code in_flight} submission must have a persisted deadline ({@code submission_deadline_missing} otherwise).
     */
    public static Held holdDeadlineExceeded(Database db, UUID id) {
        return db.inTransaction(sql -> {
            Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id);
            if (locked.isEmpty()) {
                return new Held(Action.NOT_FOUND, null, null);
            }
            Optional<Held> notHeld = notHeld(locked.get().row());
            if (notHeld.isPresent()) {
                return notHeld.get();
            }
            OffsetDateTime deadline = locked.get().submissionDeadlineAt();
            if (deadline == null && SubmissionState.parse(locked.get().row().submissionState()) == SubmissionState.IN_FLIGHT) {
                throw new SubmissionRejected("submission_deadline_missing", "execution has no persisted submission deadline");
            }
            return held(sql, locked.get(), deadline == null ? DEADLINE_EXCEEDED : deadlineExceededMessage(deadline),
                    FailureClass.TIMEOUT, null);
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
        return notHeld(locked.get().row()).orElseGet(() -> held(sql, locked.get(), error, cls, correlationId));
    }

    /** {@code TERMINAL} or {@code NOT_HELD} for a row the submission does not hold; empty when it is held. */
    private static Optional<Held> notHeld(ExecutionRow row) {
        if (row.terminal()) {
            return Optional.of(new Held(Action.TERMINAL, row.status().wire(), row.submissionState()));
        }
        if (!SubmissionState.parse(row.submissionState()).holdsAutomaticWork()) {
            return Optional.of(new Held(Action.NOT_HELD, row.status().wire(), row.submissionState()));
        }
        return Optional.empty();
    }

    /** The hold of a locked row whose submission holds it ({@code in_flight|uncertain|submitted}). */
    private static Held held(Sql sql, ExecutionStore.LockedRow locked, String error, FailureClass cls, String correlationId) {
        ExecutionRow row = locked.row();
        UUID id = row.uuid();
        Action action = Action.ALREADY_HELD;
        ExecutionRow after = row;
        if (SubmissionState.parse(row.submissionState()) == SubmissionState.IN_FLIGHT) {
            after = ExecutionStore.applyState(sql, id, StatePatch.builder().submissionState(SubmissionState.UNCERTAIN)
                    .failureClass(cls).lastError(error).lastReconciledAt(ExecutionStore.clock(sql)).build(), correlationId)
                    .orElseThrow().row();
            action = Action.CONVERTED_TO_UNCERTAIN;
        }
        LedgerRecords.provenance(sql, EVENT, locked.projectModule(), id, ACTOR, correlationId, new JsonObject()
                .put("error", error).put("submission_state", after.submissionState()).put("system_action", SYSTEM_ACTION));
        return new Held(action, after.status().wire(), after.submissionState());
    }
}
