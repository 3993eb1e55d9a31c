package dev.beampipe.model.queue;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.model.testing.Workers;
import dev.beampipe.model.workers.WorkerRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue protocol against a real PostgreSQL: the reference's pinned behaviours (10-state §7.1) and ours. */
class JobQueueTest {
    static TestDatabase testDb;
    static Database db;
    JobQueue queue;
    String pool;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    @BeforeEach
    void freshPool() {
        queue = new JobQueue(db);
        pool = "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    EnqueueRequest job(String kind) {
        return EnqueueRequest.of(kind, new JsonObject().put("n", 1)).inPool(pool);
    }

    void expireLease(UUID jobId) {
        db.sql().update("UPDATE jobs SET lease_expires_at = now() - interval '1 second', "
                + "locked_until = now() - interval '1 second' WHERE uuid = $1", jobId);
    }

    List<String> history(UUID jobId) {
        return db.sql().list("SELECT event FROM job_claim_history WHERE job_id = $1 ORDER BY occurred_at, uuid",
                r -> r.getString(0), jobId);
    }

    @Test
    void recurringUpsertRevivesTheSameCompletedRow() {
        UUID w = Workers.register(db, pool, 1);
        Job first = queue.enqueueRecurring(job("slurm_poll_tick").withKey("k-" + pool));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        assertThat(queue.complete(c.lease())).isEqualTo(Outcome.APPLIED);

        Job again = queue.enqueueRecurring(EnqueueRequest.of("slurm_poll_tick", new JsonObject().put("interval_secs", 9))
                .inPool(pool).withKey("k-" + pool));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(again.attempts()).isZero();
        assertThat(again.leaseOwner()).isNull();
        assertThat(again.payload().getInteger("interval_secs")).isEqualTo(9);
    }

    @Test
    void recurringUpsertOverwritesPayloadButNeverRevivesCancelledOrTouchesRunning() {
        UUID w = Workers.register(db, pool, 2);
        queue.enqueueRecurring(job("a").withKey("run-" + pool));
        ClaimedJob running = queue.claim(w, pool, 60).orElseThrow();
        Job updated = queue.enqueueRecurring(EnqueueRequest.of("a", new JsonObject().put("v", 2)).inPool(pool).withKey("run-" + pool));
        assertThat(updated.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(updated.leaseToken()).isEqualTo(running.lease().token());
        assertThat(updated.payload().getInteger("v")).isEqualTo(2);

        Job cancelled = queue.enqueueRecurring(job("b").withKey("cx-" + pool));
        queue.cancel(cancelled.id());
        assertThat(queue.enqueueRecurring(job("b").withKey("cx-" + pool)).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void manualTriggerRevivesACompletedRowWithTheNewPayloadButKeepsAQueuedOnesPayloadAndPool() {
        UUID w = Workers.register(db, pool, 1);
        String key = "discover_trigger:" + pool;
        Job first = db.inTransaction(sql -> queue.enqueueTrigger(sql, EnqueueRequest.of("scheduler_tick",
                new JsonObject().put("v", 1)).inPool(pool).withKey(key)));
        Job stillQueued = db.inTransaction(sql -> queue.enqueueTrigger(sql, EnqueueRequest.of("scheduler_tick",
                new JsonObject().put("v", 2)).inPool("elsewhere").withKey(key)));
        assertThat(stillQueued.id()).isEqualTo(first.id());
        assertThat(stillQueued.payload().getInteger("v")).isEqualTo(1);
        assertThat(stillQueued.pool()).isEqualTo(pool);

        queue.complete(queue.claim(w, pool, 60).orElseThrow().lease());
        Job revived = db.inTransaction(sql -> queue.enqueueTrigger(sql, EnqueueRequest.of("scheduler_tick",
                new JsonObject().put("v", 3)).inPool("elsewhere").withKey(key)));
        assertThat(revived.id()).isEqualTo(first.id());
        assertThat(revived.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(revived.attempts()).isZero();
        assertThat(revived.payload().getInteger("v")).isEqualTo(3);
        assertThat(revived.pool()).isEqualTo(pool);
    }

    @Test
    void plainEnqueueReturnsTheExistingRowUnchangedWhateverItsStatus() {
        UUID w = Workers.register(db, pool, 1);
        Job original = queue.enqueue(job("execute").withKey("e-" + pool));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        queue.fail(c.lease(), "execute", "DIM at http://x is unreachable");

        Job duplicate = queue.enqueue(EnqueueRequest.of("execute", new JsonObject().put("other", true)).inPool(pool).withKey("e-" + pool));

        assertThat(duplicate.id()).isEqualTo(original.id());
        assertThat(duplicate.status()).isEqualTo(JobStatus.FAILED);
        assertThat(duplicate.payload().containsKey("other")).isFalse();
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE idempotency_key = $1", "e-" + pool)).isEqualTo(1);
    }

    @Test
    void aNullKeyNeverDedupes() {
        queue.enqueue(job("noop"));
        queue.enqueue(job("noop"));
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE pool = $1", pool)).isEqualTo(2);
    }

    @Test
    void deferredJobsAreQueuedButNotRunnableNorCounted() {
        UUID w = Workers.register(db, pool, 1);
        Job deferred = queue.enqueue(job("deferred_kind_" + pool.substring(2)).delayedBy(3600));
        assertThat(deferred.status()).isEqualTo(JobStatus.QUEUED);
        String overdueKind = "overdue_kind_" + pool.substring(2);
        Job overdue = queue.enqueue(job(overdueKind));
        db.sql().update("UPDATE jobs SET next_run_at = now() - interval '30 seconds' WHERE uuid = $1", overdue.id());

        QueueSnapshot snapshot = QueueSnapshot.read(db);
        assertThat(snapshot.runnableByKind()).doesNotContainKey(deferred.kind());
        assertThat(snapshot.runnableByKind()).containsEntry(overdueKind, 1L);
        assertThat(snapshot.oldestRunnableAgeSecondsByKind().get(overdueKind)).isGreaterThanOrEqualTo(29.0);
        assertThat(snapshot.runnableByPool()).containsEntry(pool, 1L);

        assertThat(queue.claim(w, pool, 60).orElseThrow().job().id()).isEqualTo(overdue.id());
        assertThat(queue.claim(w, pool, 60)).isEmpty();
    }

    @Test
    void aSecondWorkerCannotTakeAClaimedJob() {
        UUID a = Workers.register(db, pool, 1);
        UUID b = Workers.register(db, pool, 1);
        queue.enqueue(job("noop"));
        ClaimedJob claimed = queue.claim(a, pool, 60).orElseThrow();
        assertThat(queue.claim(b, pool, 60)).isEmpty();
        assertThat(queue.complete(claimed.lease())).isEqualTo(Outcome.APPLIED);
        assertThat(history(claimed.job().id())).containsExactly("claimed", "completed");
    }

    @Test
    void anExpiredLeaseIsRecoveredWithANewTokenAndOneMoreAttempt() {
        UUID a = Workers.register(db, pool, 1);
        UUID b = Workers.register(db, pool, 1);
        queue.enqueue(job("noop"));
        ClaimedJob first = queue.claim(a, pool, 60).orElseThrow();
        expireLease(first.job().id());

        ClaimedJob second = queue.claim(b, pool, 60).orElseThrow();

        assertThat(second.recovered()).isTrue();
        assertThat(second.lease().token()).isNotEqualTo(first.lease().token());
        assertThat(second.job().attempts()).isEqualTo(first.job().attempts() + 1);
        assertThat(history(first.job().id())).containsExactly("claimed", "recovered");
        assertThat(queue.complete(second.lease())).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aRecoveryPastMaxAttemptsDeadLettersInsteadOfRunningAgain() {
        UUID a = Workers.register(db, pool, 1);
        UUID b = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("noop").withMaxAttempts(2));
        expireLease(queue.claim(a, pool, 60).orElseThrow().job().id());
        ClaimedJob second = queue.claim(b, pool, 60).orElseThrow();
        assertThat(second.job().attempts()).isEqualTo(2);
        expireLease(j.id());

        assertThat(queue.claim(a, pool, 60)).isEmpty();

        Job dead = queue.find(j.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(JobStatus.DEAD_LETTER);
        assertThat(dead.deadLetterReason()).contains("lease expired");
        assertThat(history(j.id())).containsExactly("claimed", "recovered", "dead_lettered");
        assertThat(queue.complete(second.lease())).isEqualTo(Outcome.FENCED);
    }

    @Test
    void aStaleWorkersWritesAreFencedAfterRecovery() {
        UUID stale = Workers.register(db, pool, 1);
        UUID fresh = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("noop").withMaxAttempts(5));
        ClaimedJob old = queue.claim(stale, pool, 60).orElseThrow();
        expireLease(j.id());
        ClaimedJob current = queue.claim(fresh, pool, 60).orElseThrow();
        Job before = queue.find(j.id()).orElseThrow();

        assertThat(queue.complete(old.lease())).isEqualTo(Outcome.FENCED);
        assertThat(queue.fail(old.lease(), "noop", "boom").kind()).isEqualTo(FailureOutcome.Kind.FENCED);
        assertThat(queue.renew(stale, List.of(old.lease()), 60)).isEmpty();
        assertThat(queue.reschedule(old.lease(), 5)).isEqualTo(Outcome.FENCED);
        assertThat(queue.release(old.lease(), "shutdown")).isEqualTo(Outcome.FENCED);

        Job after = queue.find(j.id()).orElseThrow();
        assertThat(after).isEqualTo(before);
        assertThat(after.leaseToken()).isEqualTo(current.lease().token());
        assertThat(history(j.id())).containsExactly("claimed", "recovered");
        assertThat(queue.renew(fresh, List.of(current.lease()), 60)).containsExactly(j.id());
        assertThat(queue.complete(current.lease())).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void completionAfterExpiryButBeforeRecoveryIsAllowedButRenewalIsNot() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("noop"));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        expireLease(j.id());
        assertThat(queue.renew(w, List.of(c.lease()), 60)).isEmpty();
        assertThat(queue.complete(c.lease())).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void capabilitiesMustMatch() {
        UUID casda = Workers.register(db, pool, 1, List.of("casda-discovery"), Map.of());
        UUID slurm = Workers.register(db, pool, 1, List.of("slurm-remote"), Map.of());
        queue.enqueue(job("slurm_poll_tick").requiring("slurm-remote"));
        assertThat(queue.claim(casda, pool, 60)).isEmpty();
        assertThat(queue.claim(slurm, pool, 60)).isPresent();
    }

    @Test
    void requiredLabelsAreMatchedByContainment() {
        UUID local = Workers.register(db, pool, 1, List.of(), Map.of("site", "local"));
        UUID pawsey = Workers.register(db, pool, 1, List.of(), Map.of("site", "pawsey", "scheduler", "slurm"));
        queue.enqueue(job("execute").withLabels(new JsonObject().put("site", "pawsey")));
        assertThat(queue.claim(local, pool, 60)).isEmpty();
        assertThat(queue.claim(pawsey, pool, 60)).isPresent();
    }

    @Test
    void workerCapacityIsEnforcedInsideTheClaim() {
        UUID w = Workers.register(db, pool, 1);
        queue.enqueue(job("noop"));
        queue.enqueue(job("noop"));
        assertThat(queue.claim(w, pool, 60)).isPresent();
        assertThat(queue.claim(w, pool, 60)).isEmpty();
    }

    @Test
    void racingClaimsNeverExceedTheWorkersOrThePoolsCapacity() throws Exception {
        UUID a = Workers.register(db, pool, 2);
        UUID b = Workers.register(db, pool, 1);
        for (int i = 0; i < 50; i++) {
            queue.enqueue(job("noop"));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(12);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID worker = i % 2 == 0 ? a : b;
            results.add(threads.submit(() -> {
                go.await();
                return queue.claim(worker, pool, 60, 5).size();
            }));
        }
        go.countDown();
        int total = 0;
        for (var f : results) {
            total += f.get();
        }
        threads.shutdown();
        assertThat(total).isEqualTo(3);
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE lease_owner = $1 AND status = 'running'", a)).isEqualTo(2);
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE lease_owner = $1 AND status = 'running'", b)).isEqualTo(1);
    }

    @Test
    void batchClaimsStopAtTheWorkersFreeSlots() {
        UUID w = Workers.register(db, pool, 3);
        for (int i = 0; i < 5; i++) {
            queue.enqueue(job("noop"));
        }
        assertThat(queue.claim(w, pool, 60, 10)).hasSize(3);
        assertThat(queue.claim(w, pool, 60, 10)).isEmpty();
        assertThat(db.sql().count("SELECT count(*) FROM job_claim_history h JOIN jobs j ON j.uuid = h.job_id "
                + "WHERE j.pool = $1 AND h.event = 'claimed'", pool)).isEqualTo(3);
    }

    @Test
    void drainingStoppedAndWrongPoolWorkersCannotClaim() {
        WorkerRegistry registry = new WorkerRegistry(db);
        UUID w = Workers.register(db, pool, 1);
        UUID other = Workers.register(db, "other-" + pool, 1);
        queue.enqueue(job("noop"));
        registry.drain(w);
        assertThat(queue.claim(w, pool, 60)).isEmpty();
        assertThat(queue.claim(other, pool, 60)).isEmpty();
        registry.resume(w);
        assertThat(queue.claim(w, pool, 60)).isPresent();
    }

    @Test
    void lostWorkersNoLongerCountTowardPoolCapacity() {
        WorkerRegistry registry = new WorkerRegistry(db);
        UUID crashed = Workers.register(db, pool, 1);
        UUID alive = Workers.register(db, pool, 1);
        queue.enqueue(job("noop"));
        queue.enqueue(job("noop"));
        queue.claim(crashed, pool, 600).orElseThrow();
        db.sql().update("UPDATE worker_instances SET last_heartbeat_at = now() - interval '5 minutes' WHERE uuid = $1", crashed);

        assertThat(registry.markLost(30)).containsExactly(crashed);
        assertThat(registry.status(crashed)).isEqualTo("lost");
        // pool capacity is now alive's 1 slot, and crashed's live lease still fills it
        assertThat(queue.claim(alive, pool, 60)).isEmpty();
        assertThat(queue.claim(crashed, pool, 60)).isEmpty();

        assertThat(registry.heartbeat(crashed)).isTrue();
        assertThat(registry.status(crashed)).isEqualTo("active");
    }

    @Test
    void retriesBackOffThenDeadLetter() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("noop"));
        ClaimedJob c1 = queue.claim(w, pool, 60).orElseThrow();
        FailureOutcome f1 = queue.fail(c1.lease(), "noop", "connection refused");
        assertThat(f1.kind()).isEqualTo(FailureOutcome.Kind.RETRY_SCHEDULED);
        assertThat(f1.retryDelaySeconds()).isEqualTo(RetryPolicy.backoffSeconds(1, j.id()));
        Job afterFirst = queue.find(j.id()).orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(afterFirst.failureClass()).isEqualTo("dependency_unavailable");
        assertThat(afterFirst.leaseOwner()).isNull();
        assertThat(db.sql().count("SELECT EXTRACT(EPOCH FROM (next_run_at - now()))::bigint FROM jobs WHERE uuid = $1", j.id()))
                .isBetween(f1.retryDelaySeconds() - 2, f1.retryDelaySeconds());
        assertThat(queue.claim(w, pool, 60)).isEmpty();

        for (int attempt = 2; attempt <= 3; attempt++) {
            db.sql().update("UPDATE jobs SET next_run_at = now() WHERE uuid = $1", j.id());
            ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
            FailureOutcome f = queue.fail(c.lease(), "noop", "connection refused");
            assertThat(f.kind()).isEqualTo(attempt < 3 ? FailureOutcome.Kind.RETRY_SCHEDULED : FailureOutcome.Kind.DEAD_LETTERED);
        }
        Job dead = queue.find(j.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(JobStatus.DEAD_LETTER);
        assertThat(dead.deadLetterReason()).isEqualTo("connection refused");
        assertThat(history(j.id())).containsExactly("claimed", "requeued", "claimed", "requeued", "claimed", "dead_lettered");
    }

    @Test
    void nonRetryableErrorsFailImmediately() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("execute"));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        FailureOutcome f = queue.fail(c.lease(), "execute", "CASDA authentication failed: HTTP 401");
        assertThat(f.kind()).isEqualTo(FailureOutcome.Kind.FAILED);
        Job failed = queue.find(j.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failureClass()).isEqualTo("authentication");
    }

    @Test
    void rescheduleRequeuesRecurringWorkWithAttemptsReset() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueueRecurring(job("dim_poll_tick").withKey("dpt-" + pool));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        assertThat(queue.reschedule(c.lease(), 30)).isEqualTo(Outcome.APPLIED);
        Job after = queue.find(j.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(after.attempts()).isZero();
        assertThat(queue.claim(w, pool, 60)).isEmpty();
    }

    @Test
    void releaseHandsTheJobBackWithoutSpendingAnAttempt() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("noop"));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        assertThat(queue.release(c.lease(), "worker_shutdown")).isEqualTo(Outcome.APPLIED);
        Job after = queue.find(j.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(after.attempts()).isZero();
        assertThat(history(j.id())).containsExactly("claimed", "released");
    }

    @Test
    void cancellationFencesTheRunningHolder() {
        UUID w = Workers.register(db, pool, 1);
        Job j = queue.enqueue(job("execute"));
        ClaimedJob c = queue.claim(w, pool, 60).orElseThrow();
        assertThat(queue.cancel(j.id())).isTrue();
        assertThat(queue.renew(w, List.of(c.lease()), 60)).isEmpty();
        assertThat(queue.complete(c.lease())).isEqualTo(Outcome.FENCED);
        assertThat(queue.find(j.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void higherPriorityFirstThenOldestRunnable() {
        UUID w = Workers.register(db, pool, 5);
        Job low = queue.enqueue(job("noop"));
        Job high = queue.enqueue(job("noop").withPriority(10));
        Job aged = queue.enqueue(job("noop"));
        // runnable for 1 hour: +12 aging outranks priority 10
        db.sql().update("UPDATE jobs SET next_run_at = now() - interval '1 hour' WHERE uuid = $1", aged.id());
        List<UUID> order = queue.claim(w, pool, 60, 3).stream().map(c -> c.job().id()).toList();
        assertThat(order).containsExactly(aged.id(), high.id(), low.id());
    }

    @Test
    void renewExtendsOnlyLiveLeasesOfTheOwner() {
        UUID w = Workers.register(db, pool, 2);
        queue.enqueue(job("noop"));
        queue.enqueue(job("noop"));
        List<ClaimedJob> claimed = queue.claim(w, pool, 5, 2);
        expireLease(claimed.get(1).job().id());
        Set<UUID> kept = queue.renew(w, claimed.stream().map(ClaimedJob::lease).toList(), 120);
        assertThat(kept).containsExactly(claimed.get(0).job().id());
        Optional<Job> renewed = queue.find(claimed.get(0).job().id());
        assertThat(db.sql().count("SELECT EXTRACT(EPOCH FROM (lease_expires_at - now()))::bigint FROM jobs WHERE uuid = $1",
                renewed.orElseThrow().id())).isGreaterThan(100);
    }
}
