package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.outcome.ExecutionFailure;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors after the intent: the hold (10-state §2.5) and the definite failure with decision 3's follow-ups. */
class SubmissionHoldAndFailureTest {
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static UUID inFlight(String m) {
        UUID id = execution(db, m, "running", "A");
        set(db, id, "execution_phase = 'submit'");
        SubmissionIntent.begin(db, id, "daliuge", "BeampipeExecution-x", "http://dim", 1800, null);
        return id;
    }

    @Test
    void anErrorWhileInFlightHoldsTheExecutionAsUncertain() {
        UUID id = inFlight(module());
        SubmissionHold.Held held = SubmissionHold.hold(db, id, "connection reset after deploy", null);
        assertThat(held).isEqualTo(new SubmissionHold.Held(SubmissionHold.Action.CONVERTED_TO_UNCERTAIN,
                "awaiting_scheduler", "uncertain"));
        JsonObject row = row(db, id);
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("failure_class")).isEqualTo("inconsistent_state");
        assertThat(row.getString("last_error")).isEqualTo("connection reset after deploy");
        assertThat(row.getValue("terminal_outcome")).isNull();
        JsonObject event = lastEvent(db, id, "execution.submission_uncertain");
        assertThat(event.getString("actor")).isEqualTo("system:execute");
        assertThat(event.getJsonObject("payload")).isEqualTo(new JsonObject().put("error", "connection reset after deploy")
                .put("submission_state", "uncertain")
                .put("system_action", "submission is held for reconciliation and will not be repeated automatically"));
    }

    @Test
    void aDeadlineOverrunIsHeldAsTimeoutWithTheExactMessage() {
        UUID id = inFlight(module());
        set(db, id, "submission_deadline_at = '2026-08-22T10:30:00.123456Z'");
        assertThat(SubmissionHold.holdDeadlineExceeded(db, id).action()).isEqualTo(SubmissionHold.Action.CONVERTED_TO_UNCERTAIN);
        assertThat(column(db, id, "failure_class")).isEqualTo("timeout");
        assertThat(column(db, id, "last_error"))
                .isEqualTo("backend submission exceeded its persisted wall-clock deadline at 2026-08-22T10:30:00.123456Z");
        assertThat(SubmissionHold.deadlineExceededMessage(OffsetDateTime.parse("2026-08-22T12:30:00+02:00")))
                .isEqualTo("backend submission exceeded its persisted wall-clock deadline at 2026-08-22T10:30:00Z");
    }

    @Test
    void theDeadlineHoldClassifiesTheRowBeforeAskingForADeadline() {
        UUID fresh = execution(db, module(), "running", "A");
        assertThat(SubmissionHold.holdDeadlineExceeded(db, fresh).action()).isEqualTo(SubmissionHold.Action.NOT_HELD);
        UUID done = execution(db, module(), "failed", "A");
        set(db, done, "submission_state = 'in_flight'");
        assertThat(SubmissionHold.holdDeadlineExceeded(db, done).action()).isEqualTo(SubmissionHold.Action.TERMINAL);
        assertThat(SubmissionHold.holdDeadlineExceeded(db, UUID.randomUUID()).action())
                .isEqualTo(SubmissionHold.Action.NOT_FOUND);

        UUID uncertain = inFlight(module());
        set(db, uncertain, "submission_state = 'uncertain', submission_deadline_at = NULL");
        assertThat(SubmissionHold.holdDeadlineExceeded(db, uncertain).action()).isEqualTo(SubmissionHold.Action.ALREADY_HELD);
        assertThat(lastEvent(db, uncertain, "execution.submission_uncertain").getJsonObject("payload").getString("error"))
                .isEqualTo("backend submission exceeded its persisted wall-clock deadline");

        UUID missing = inFlight(module());
        set(db, missing, "submission_deadline_at = NULL");
        assertThatThrownBy(() -> SubmissionHold.holdDeadlineExceeded(db, missing))
                .isInstanceOf(SubmissionRejected.class)
                .extracting(e -> ((SubmissionRejected) e).code()).isEqualTo("submission_deadline_missing");
        assertThat(column(db, missing, "submission_state")).isEqualTo("in_flight");
        assertThat(events(db, fresh, "execution.submission_uncertain") + events(db, done, "execution.submission_uncertain")
                + events(db, missing, "execution.submission_uncertain")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncertain", "submitted"})
    void anAlreadyHeldSubmissionOnlyGetsTheEvent(String submission) {
        UUID id = inFlight(module());
        set(db, id, "submission_state = $2, last_error = 'first'", submission);
        JsonObject before = row(db, id);
        SubmissionHold.Held held = SubmissionHold.hold(db, id, "second", FailureClass.TIMEOUT);
        assertThat(held.action()).isEqualTo(SubmissionHold.Action.ALREADY_HELD);
        assertThat(held.held()).isTrue();
        assertThat(row(db, id)).isEqualTo(before);
        assertThat(lastEvent(db, id, "execution.submission_uncertain").getJsonObject("payload").getString("submission_state"))
                .isEqualTo(submission);
    }

    @Test
    void notHeldTerminalMissingAndInvalidClass() {
        UUID fresh = execution(db, module(), "running", "A");
        assertThat(SubmissionHold.hold(db, fresh, "x", null).action()).isEqualTo(SubmissionHold.Action.NOT_HELD);
        UUID done = execution(db, module(), "failed", "A");
        set(db, done, "submission_state = 'in_flight'");
        assertThat(SubmissionHold.hold(db, done, "x", null).action()).isEqualTo(SubmissionHold.Action.TERMINAL);
        assertThat(column(db, done, "submission_state")).isEqualTo("in_flight");
        assertThat(SubmissionHold.hold(db, UUID.randomUUID(), "x", null).action()).isEqualTo(SubmissionHold.Action.NOT_FOUND);
        assertThat(events(db, fresh, "execution.submission_uncertain") + events(db, done, "execution.submission_uncertain"))
                .isZero();
        assertThatThrownBy(() -> SubmissionHold.hold(db, fresh, "x", FailureClass.INTERNAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDefiniteFailureFailsTheExecutionAndRunsTheFollowUps() {
        String m = module();
        UUID id = inFlight(m);
        ExecutionFailure.Result r = SubmissionFailure.definite(db, id, "DIM deploy returned 400");
        assertThat(r.kind()).isEqualTo(ExecutionFailure.Kind.FAILED);
        assertThat(r.alertDue()).isTrue();
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("submission_state")).isEqualTo("failed");
        assertThat(row.getString("terminal_outcome")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("dependency_unavailable");
        assertThat(row.getString("last_error")).isEqualTo("DIM deploy returned 400");
        assertThat(row.getString("control_phase")).isEqualTo("terminal");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isEqualTo(1);
        assertThat(sourceRow(db, m, "A").getBoolean("workflow_run_pending")).isTrue();
        assertThat(lastEvent(db, id, "execution.failed").getJsonObject("payload")).isEqualTo(new JsonObject()
                .put("source_identifiers", new JsonArray().add("A")).put("error", "DIM deploy returned 400"));
        assertThat(SubmissionFailure.definite(db, id, "again").kind()).isEqualTo(ExecutionFailure.Kind.ALREADY_TERMINAL);
        assertThat(events(db, id, "execution.failed")).isEqualTo(1);
    }

    @Test
    void aDefiniteFailureNeedsASubmissionInFlight() {
        UUID id = inFlight(module());
        set(db, id, "submission_state = 'uncertain'");
        JsonObject before = row(db, id);
        assertThat(SubmissionFailure.definite(db, id, "x").kind()).isEqualTo(ExecutionFailure.Kind.SUBMISSION_HELD);
        assertThat(row(db, id)).isEqualTo(before);
        UUID fresh = execution(db, module(), "running", "A");
        assertThatThrownBy(() -> SubmissionFailure.definite(db, fresh, "x")).isInstanceOf(SubmissionRejected.class)
                .hasMessage("execution has no submission in flight (submission_state=not_started)");
        assertThat(SubmissionFailure.definite(db, UUID.randomUUID(), "x").kind()).isEqualTo(ExecutionFailure.Kind.NOT_FOUND);
    }
}
