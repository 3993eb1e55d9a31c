package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.outcome.ExecutionFailure.Kind;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The execute job's terminal failure (10-state §5.3 "Error handling", decision 3 follow-ups). */
class ExecutionFailureTest {
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

    @Test
    void failsTheExecutionKeepsThePhaseRependsAndRecordsTheEvent() {
        String m = module();
        UUID id = execution(db, m, "running", "A", "B");
        set(db, id, "execution_phase = 'stage_and_manifest', control_phase = 'admitted', started_at = now()");

        ExecutionFailure.Result r = ExecutionFailure.failTerminal(db, id, "staging failed: boom",
                FailureClass.DEPENDENCY_UNAVAILABLE, ExecutionFailure.ACTOR);

        assertThat(r.kind()).isEqualTo(Kind.FAILED);
        assertThat(r.alertDue()).isTrue();
        assertThat(r.sourcesRepended()).isEqualTo(2);
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("terminal_outcome")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("dependency_unavailable");
        assertThat(row.getString("last_error")).isEqualTo("staging failed: boom");
        assertThat(row.getString("execution_phase")).isEqualTo("stage_and_manifest");
        assertThat(row.getString("control_phase")).isEqualTo("terminal");
        assertThat(row.getJsonObject("phase_timestamps").containsKey("terminal")).isTrue();
        assertThat(row.getValue("completed_at")).isNotNull();
        JsonObject event = lastEvent(db, id, "execution.failed");
        assertThat(event.getString("actor")).isEqualTo("system:execute");
        assertThat(event.getString("correlation_id")).isEqualTo(id.toString());
        assertThat(event.getJsonObject("payload")).isEqualTo(new JsonObject()
                .put("source_identifiers", new JsonArray().add("A").add("B")).put("error", "staging failed: boom"));
        for (String s : List.of("A", "B")) {
            JsonObject source = sourceRow(db, m, s);
            assertThat(source.getBoolean("workflow_run_pending")).isTrue();
            assertThat(source.getInteger("consecutive_failures")).isEqualTo(1);
            assertThat(source.getLong("backoff_seconds")).isEqualTo(60);
        }
    }

    @Test
    void noClassMeansInternalAndNoPhaseStaysNull() {
        UUID id = execution(db, module(), "pending", "A");
        ExecutionFailure.Result r = ExecutionFailure.failTerminal(db, id, "boom", null, ExecutionFailure.ACTOR);
        assertThat(r.failureClass()).isEqualTo(FailureClass.INTERNAL);
        assertThat(column(db, id, "failure_class")).isEqualTo("internal");
        assertThat(column(db, id, "status")).isEqualTo("failed");
        assertThat(row(db, id).getValue("execution_phase")).isNull();
    }

    @Test
    void aRetryingExecutionFailsAgain() {
        UUID id = execution(db, module(), "retrying", "A");
        set(db, id, "execution_phase = 'submit', terminal_outcome = 'failed', failure_class = 'timeout'");
        assertThat(ExecutionFailure.failTerminal(db, id, "again", FailureClass.CONNECTIVITY, null).kind())
                .isEqualTo(Kind.FAILED);
        assertThat(column(db, id, "status")).isEqualTo("failed");
        assertThat(column(db, id, "failure_class")).isEqualTo("connectivity");
        assertThat(column(db, id, "execution_phase")).isEqualTo("submit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "cancelled", "failed", "not_submitted"})
    void aTerminalExecutionDiscardsTheError(String status) {
        String m = module();
        UUID id = execution(db, m, status, "A");
        JsonObject before = row(db, id);
        ExecutionFailure.Result r = ExecutionFailure.failTerminal(db, id, "late", FailureClass.INTERNAL, null);
        assertThat(r.kind()).isEqualTo(Kind.ALREADY_TERMINAL);
        assertThat(r.alertDue()).isFalse();
        assertThat(row(db, id)).isEqualTo(before);
        assertThat(events(db, id, "execution.failed")).isZero();
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isZero();
    }

    @Test
    void axesThatReconcileToAnotherTerminalStatusRunThatStatusEffectsAndNoFailure() {
        String m = module();
        UUID id = execution(db, m, "running", "A", "B");
        set(db, id, "execution_phase = 'submit', daliuge_state = 'cancelled'");
        setSource(db, m, "A", "workflow_run_pending = true");

        ExecutionFailure.Result r = ExecutionFailure.failTerminal(db, id, "worker crashed", null, null);

        assertThat(r.kind()).isEqualTo(Kind.RECONCILED_TERMINAL);
        assertThat(r.alertDue()).isFalse();
        assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELLED);
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("cancelled");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(events(db, id, "execution.cancelled")).isEqualTo(1);
        assertThat(events(db, id, "execution.failed")).isZero();
        assertThat(sourceRow(db, m, "A").getBoolean("workflow_run_pending")).as("cancel clears pending").isFalse();
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isZero();
    }

    @Test
    void axesThatReconcileToFailedRunTheFailureEffectsOnce() {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        set(db, id, "execution_phase = 'submit', daliuge_state = 'failed'");

        ExecutionFailure.Result r = ExecutionFailure.failTerminal(db, id, "worker crashed", null, null);

        assertThat(r.kind()).isEqualTo(Kind.FAILED);
        assertThat(r.sourcesRepended()).isEqualTo(1);
        assertThat(column(db, id, "status")).isEqualTo("failed");
        assertThat(events(db, id, "execution.failed")).isEqualTo(1);
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in_flight", "uncertain", "submitted"})
    void aHoldingSubmissionRefusesTheTerminalFailure(String submission) {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "submission_state = $2", submission);
        JsonObject before = row(db, id);
        assertThat(ExecutionFailure.failTerminal(db, id, "boom", null, null).kind()).isEqualTo(Kind.SUBMISSION_HELD);
        assertThat(row(db, id)).isEqualTo(before);
    }

    @Test
    void aMissingExecutionIsNotFound() {
        assertThat(ExecutionFailure.failTerminal(db, UUID.randomUUID(), "x", null, null).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void twoConcurrentFailuresFailOnceAndCountOnce() throws Exception {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ExecutionFailure.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String error = "error " + i;
            runs.add(CompletableFuture.supplyAsync(() -> {
                SourceOutcomesTest.await(start);
                return ExecutionFailure.failTerminal(db, id, error, null, null);
            }));
        }
        start.countDown();
        List<Kind> kinds = new ArrayList<>();
        for (CompletableFuture<ExecutionFailure.Result> r : runs) {
            kinds.add(r.get().kind());
        }
        assertThat(kinds).containsOnlyOnce(Kind.FAILED).containsOnly(Kind.FAILED, Kind.ALREADY_TERMINAL);
        assertThat(events(db, id, "execution.failed")).isEqualTo(1);
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isEqualTo(1);
    }
}
