package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.beampipe.model.ledger.control.ExecutionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancellation and retry against a real PostgreSQL (10-state §2.8, §2.9, §7.5 items 46–48, §7.6 items 55–56). */
class ExecutionControlTest {
    static TestDatabase testDb;
    static Database db;
    static ExecutionCancellation cancellation;
    static ExecutionRetry retry;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
        cancellation = new ExecutionCancellation(db);
        retry = new ExecutionRetry(db);
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static String module() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void cancelWithoutExternalWorkFencesTheQueuedExecuteJob() {
        UUID id = execution(db, module(), "S1", "pending");
        new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).withKey("execute:" + id).forExecution(id));

        ExecutionCancellation.Attempt attempt = cancellation.planAndCancel(id, "user:u1", "req-1");

        assertThat(attempt.plan().external()).isFalse();
        assertThat(attempt.result().invalidatedExecuteJobs()).isEqualTo(1);
        assertThat(db.sql().first("SELECT status || '/' || terminal_outcome || '/' || control_phase || '/' "
                + "|| (completed_at IS NOT NULL) FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                .contains("cancelled/cancelled/terminal/true");
        assertThat(activeExecuteJobs(db, id)).isZero();
        assertThat(db.sql().first("SELECT actor || ' ' || correlation_id || ' ' || (payload->>'invalidated_execute_jobs') "
                + "FROM provenance_events WHERE execution_id = $1 AND event_type = 'execution.cancelled'", r -> r.getString(0), id))
                .contains("user:u1 req-1 1");
        assertThatThrownBy(() -> cancellation.planAndCancel(id, "user:u1", "req-2"))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().message()).isEqualTo("execution is already terminal (cancelled)"));
    }

    @Test
    void aConfirmedCancelOfARowAPollAlreadyCancelledRecordsTheCancellationOnce() {
        UUID id = execution(db, module(), "S1", "running");
        set(db, id, "submission_state = 'submitted', scheduler_name = 'daliuge', daliuge_session_id = 'sid-1', "
                + "daliuge_state = 'running'");
        ExecutionCancellation.Attempt attempt = cancellation.planAndCancel(id, "user:u1", null);
        assertThat(attempt.plan().external()).isTrue();
        // meanwhile a DIM poll saw the session CANCELLED: terminal, with its own event (TerminalEffects)
        set(db, id, "status = 'cancelled', control_phase = 'terminal', terminal_outcome = 'cancelled', daliuge_state = 'cancelled'");
        db.sql().update("INSERT INTO provenance_events (id, event_type, project_module, execution_id, actor, payload) "
                + "SELECT gen_random_uuid(), 'execution.cancelled', project_module, uuid, 'system:execution', '{}'::jsonb "
                + "FROM batch_execution_record WHERE uuid = $1", id);

        cancellation.cancel(id, new ExecutionCancellation.Confirmation(CancellationRules.Backend.DALIUGE, "sid-1", false,
                new JsonObject()), "user:u1", null);

        assertThat(status(db, id)).isEqualTo("cancelled");
        assertThat(events(db, id, "execution.cancelled")).as("execution.cancelled events").isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 "
                + "AND raw_state = 'cancelled_confirmed'", id)).as("the confirmation is still kept as evidence").isEqualTo(1);
    }

    @Test
    void unresolvedSubmissionIsNotCancelledAndNothingChanges() {
        UUID id = execution(db, module(), "S1", "running");
        set(db, id, "submission_state = 'in_flight', scheduler_name = 'slurm'");
        assertThatThrownBy(() -> cancellation.planAndCancel(id, "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().message()).contains("unresolved"));
        assertThatThrownBy(() -> cancellation.cancel(id, null, "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().message()).contains("submission outcome is 'in_flight'"));
        assertThat(status(db, id)).isEqualTo("running");
        assertThat(events(db, id, "execution.cancelled")).isZero();
    }

    @Test
    void confirmedSlurmCancellationOfRecoveredUncertainSubmission() {
        UUID id = execution(db, module(), "S1", "awaiting_scheduler");
        set(db, id, "submission_state = 'uncertain', scheduler_name = 'slurm', scheduler_job_id = '4242', scheduler_state = 'running'");
        ExecutionCancellation.Attempt attempt = cancellation.planAndCancel(id, "user:u1", null);
        assertThat(attempt.plan().backend()).isEqualTo(CancellationRules.Backend.SLURM);
        assertThat(status(db, id)).isEqualTo("awaiting_scheduler");

        assertThatThrownBy(() -> cancellation.cancel(id, new ExecutionCancellation.Confirmation(
                CancellationRules.Backend.SLURM, "9999", true, new JsonObject()), "user:u1", null))
                .isInstanceOf(ControlRejected.class);
        cancellation.cancel(id, new ExecutionCancellation.Confirmation(CancellationRules.Backend.SLURM, "4242", true,
                new JsonObject().put("command", "scancel -- 4242")), "user:u1", null);

        assertThat(db.sql().first("SELECT status || '/' || submission_state || '/' || scheduler_state || '/' || scheduler_raw_state "
                + "FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                .contains("cancelled/uncertain/cancelled/CANCELLED_CONFIRMED");
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 "
                + "AND raw_state = 'CANCELLED_CONFIRMED'", id)).isEqualTo(1);
        assertThat(db.sql().first("SELECT inline_json->>'command' FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = 'cancellation_request'", r -> r.getString(0), id)).contains("scancel -- 4242");
    }

    @Test
    void retryOfAFailedPreSubmissionExecutionReplaysTheSubmitStage() {
        String module = module();
        UUID id = execution(db, module, "S1", "failed");
        set(db, id, "execution_phase = 'submit', submission_state = 'failed', workflow_manifest = '{\"a\":1}'::jsonb, "
                + "terminal_outcome = 'failed', last_error = 'boom', completed_at = now()");
        new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).inPool("gpu").withKey("execute:" + id)
                .forExecution(id));
        db.sql().update("UPDATE jobs SET status = 'failed' WHERE execution_id = $1", id);

        ExecutionRetry.Result result = retry.retry(id, " archive fixed ", "user:u1", "req-9");

        assertThat(result.retryCount()).isEqualTo(1);
        assertThat(result.plan().stage()).isEqualTo("submit");
        assertThat(db.sql().first("SELECT status || '/' || retry_count || '/' || execution_phase || '/' || submission_state "
                + "|| '/' || (completed_at IS NULL) || '/' || (last_error IS NULL) FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id)).contains("retrying/1/submit/not_started/true/true");
        assertThat(db.sql().first("SELECT pool || '/' || required_capability || '/' || idempotency_key || '/' "
                + "|| (payload->>'do_stage') || '/' || (payload->>'recovery_reason') FROM jobs WHERE uuid = $1",
                r -> r.getString(0), result.jobId()))
                .contains("gpu/slurm-remote/execute:" + id + ":retry:1/false/archive fixed");
        assertThat(events(db, id, "execution.retry_requested")).isEqualTo(1);
        assertThatThrownBy(() -> retry.retry(id, "again", "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("execution_not_failed"));
    }

    @Test
    void retryIsRefusedWhileSubmittedWorkOrAClaimedSourceExists() {
        String module = module();
        UUID submitted = execution(db, module, "S1", "failed");
        set(db, submitted, "submission_state = 'submitted', scheduler_name = 'slurm', scheduler_job_id = '7'");
        assertThatThrownBy(() -> retry.retry(submitted, "x", "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("submission_may_exist"));

        UUID claimed = execution(db, module, "S2", "failed");
        db.sql().update("UPDATE source_registry SET workflow_claim_token = 'tok' WHERE project_module = $1 "
                + "AND source_identifier = 'S2'", module);
        assertThatThrownBy(() -> retry.retry(claimed, "x", "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("source_admission_claimed"));
        assertThat(status(db, claimed)).isEqualTo("failed");
        assertThat(activeExecuteJobs(db, claimed)).isZero();
    }

    @Test
    void retryIsRefusedWhileAnExecuteJobIsStillQueued() {
        UUID id = execution(db, module(), "S1", "failed");
        new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).withKey("execute:" + id).forExecution(id));
        assertThatThrownBy(() -> retry.retry(id, "x", "user:u1", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("execution_job_active"));
        assertThat(status(db, id)).isEqualTo("failed");
        assertThat(events(db, id, "execution.retry_requested")).isZero();
    }

    @RepeatedTest(5)
    void concurrentRetriesCreateExactlyOneJob() throws Exception {
        UUID id = execution(db, module(), "S1", "failed");
        List<Object> outcomes = race(8, () -> retry.retry(id, "race", "user:u1", null));
        assertThat(outcomes.stream().filter(o -> o instanceof ExecutionRetry.Result).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o instanceof ControlRejected r
                && r.failure().code().equals("execution_not_failed")).count()).isEqualTo(7);
        assertThat(activeExecuteJobs(db, id)).isEqualTo(1);
        assertThat(events(db, id, "execution.retry_requested")).isEqualTo(1);
    }

    @RepeatedTest(5)
    void concurrentCancelAndRetryLeaveOneConsistentOutcome() throws Exception {
        UUID id = execution(db, module(), "S1", "failed");
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> outcomes = race(2, () -> turn.getAndIncrement() == 0
                ? retry.retry(id, "race", "user:u1", null)
                : cancellation.cancel(id, null, "user:u2", null));
        String status = status(db, id);
        if (status.equals("cancelled")) {
            // the retry won the lock, the cancellation then fenced its job
            assertThat(activeExecuteJobs(db, id)).isZero();
            assertThat(events(db, id, "execution.cancelled")).isEqualTo(1);
        } else {
            assertThat(status).isEqualTo("retrying");
            assertThat(activeExecuteJobs(db, id)).isEqualTo(1);
            assertThat(events(db, id, "execution.cancelled")).isZero();
        }
        assertThat(outcomes).hasSize(2);
    }

    @RepeatedTest(5)
    void concurrentCancelsOfAPendingExecutionSucceedOnce() throws Exception {
        UUID id = execution(db, module(), "S1", "pending");
        List<Object> outcomes = race(6, () -> cancellation.planAndCancel(id, "user:u1", null));
        assertThat(outcomes.stream().filter(o -> o instanceof ExecutionCancellation.Attempt).count()).isEqualTo(1);
        assertThat(events(db, id, "execution.cancelled")).isEqualTo(1);
    }

    /** Runs {@code n} calls released together; each outcome is the result or the exception thrown. */
    static List<Object> race(int n, Callable<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (ControlRejected e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
