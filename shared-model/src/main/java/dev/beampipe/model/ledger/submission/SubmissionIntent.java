package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.SubmissionMachine;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.Rfc3339;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * {@code begin_execution_submission} (10-state §2.5, 40-backends §7.3): the durable intent committed before any
 * external submit. Under the row lock: a terminal execution or a submission already {@code in_flight|uncertain|
 * submitted} → {@link AlreadyBegun} (the worker logs {@code execute_submit_duplicate_guard} and stops; this refusal is
 * what keeps two workers from both submitting, §8.2 item 22); {@code not_started|preparing|failed} → the intent:
 * {@code control_phase='submission_pending'}, {@code submission_state='in_flight'}, {@code submission_deadline_at =
 * clock_timestamp() + timeout} (the clock read after the lock was granted, not the frozen {@code now()}), scheduler
 * name, DALiuGE session id and manager URL, {@code daliuge_state='not_created'}, {@code phase_timestamps.
 * submission_pending} if absent, {@code last_reconciled_at}, and the {@code intent_persisted} observation observed at
 * that same clock value. Any other stored submission state is an error.
 */
public final class SubmissionIntent {
    public static final Set<String> SCHEDULERS = Set.of("slurm", "daliuge");

    private SubmissionIntent() {
    }

    public sealed interface Outcome permits Begun, AlreadyBegun {
    }

    /** The intent is committed: submit, bounded by {@code deadline}. */
    public record Begun(OffsetDateTime deadline, OffsetDateTime intentAt, UUID observationId) implements Outcome {
    }

    /** Not begun: stop quietly, submit nothing. */
    public record AlreadyBegun(String status, String submissionState) implements Outcome {
    }

    public static Outcome begin(Database db, UUID id, String schedulerName, String sessionId, String managerUrl,
                                long timeoutSeconds, String targetFingerprint) {
        validate(schedulerName, sessionId, timeoutSeconds, targetFingerprint);
        return db.inTransaction(sql -> begin(sql, id, schedulerName, sessionId, managerUrl, timeoutSeconds, targetFingerprint));
    }

    public static Outcome begin(Sql sql, UUID id, String schedulerName, String sessionId, String managerUrl,
                                long timeoutSeconds, String targetFingerprint) {
        validate(schedulerName, sessionId, timeoutSeconds, targetFingerprint);
        ExecutionStore.LockedRow locked = ExecutionStore.lock(sql, id).orElseThrow(SubmissionRejected::notFound);
        ExecutionRow row = locked.row();
        boolean abandoned = locked.abandoned();
        SubmissionMachine.Begin decision;
        try {
            decision = SubmissionMachine.begin(row.status(), row.submissionState());
        } catch (IllegalStateException e) {
            throw new SubmissionRejected("submission_state_invalid", e.getMessage());
        }
        if (decision == SubmissionMachine.Begin.NOT_BEGUN || abandoned) {
            return new AlreadyBegun(row.status().wire(), row.submissionState());
        }
        OffsetDateTime clock = ExecutionStore.clock(sql).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime deadline = clock.plusSeconds(timeoutSeconds);
        sql.update("UPDATE batch_execution_record SET control_phase = 'submission_pending', submission_state = 'in_flight', "
                        + "submission_deadline_at = $2, scheduler_name = $3, daliuge_session_id = $4, daliuge_manager_url = $5, "
                        + "daliuge_state = 'not_created', phase_timestamps = CASE WHEN phase_timestamps ? 'submission_pending' "
                        + "THEN phase_timestamps ELSE phase_timestamps || jsonb_build_object('submission_pending', $6::text) END, "
                        + "last_reconciled_at = $7, updated_at = $7 WHERE uuid = $1",
                id, deadline, schedulerName, sessionId, managerUrl, Rfc3339.utc(clock), clock);
        UUID observation = Uuid7.next();
        JsonObject payload = new JsonObject().put("daliuge_session_id", sessionId).put("backend", schedulerName)
                .put("submission_deadline_at", Rfc3339.utc(deadline)).put("submission_timeout_seconds", timeoutSeconds)
                .put("target_fingerprint", targetFingerprint);
        sql.update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, $4)",
                observation, id, payload, clock);
        return new Begun(deadline, clock, observation);
    }

    /** What is left of the submit budget at {@code now}: zero once the deadline has passed (10-state §2.5). */
    public static Duration remaining(OffsetDateTime deadline, OffsetDateTime now) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@link #remaining} measured on the database clock (§8.2 item 23); zero without a persisted deadline. */
    public static Duration remaining(Sql sql, UUID id) {
        return sql.first("SELECT submission_deadline_at, clock_timestamp() FROM batch_execution_record WHERE uuid = $1",
                r -> r.getOffsetDateTime(0) == null ? Duration.ZERO : remaining(r.getOffsetDateTime(0), r.getOffsetDateTime(1)),
                id).orElse(Duration.ZERO);
    }

    static void validate(String schedulerName, String sessionId, long timeoutSeconds, String targetFingerprint) {
        if (schedulerName == null || !SCHEDULERS.contains(schedulerName)) {
            throw SubmissionRejected.invalid("scheduler_name must be slurm or daliuge, not '" + schedulerName + "'");
        }
        if (sessionId == null || sessionId.isEmpty()) {
            throw SubmissionRejected.invalid("daliuge_session_id must not be empty");
        }
        if (timeoutSeconds <= 0) {
            throw SubmissionRejected.invalid("submission timeout must be greater than 0 seconds");
        }
        if ("slurm".equals(schedulerName) && (targetFingerprint == null || targetFingerprint.isBlank())) {
            throw SubmissionRejected.invalid("a Slurm submission intent requires a non-blank target fingerprint");
        }
    }
}
