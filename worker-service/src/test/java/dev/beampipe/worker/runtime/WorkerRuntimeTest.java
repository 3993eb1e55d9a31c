package dev.beampipe.worker.runtime;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.JobStatus;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.worker.noop.NoopHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerRuntimeTest {
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

    static WorkerSettings settings(String pool, int concurrency, int lockSeconds, int pollMs) {
        return new WorkerSettings(pool, concurrency, concurrency, lockSeconds, Math.max(1, lockSeconds / 4), pollMs,
                WorkerSettings.DEFAULT_CAPABILITIES, Map.of(), Optional.empty());
    }

    static String pool() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    double counter(SimpleMeterRegistry meters, String kind, String status) {
        var c = meters.find("beampipe_jobs").tag("kind", kind).tag("status", status).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void runsQueuedJobsToCompletionAndStopsCleanly() {
        String pool = pool();
        JobQueue queue = new JobQueue(db);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Job> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool(pool)));
        }
        try (WorkerRuntime worker = new WorkerRuntime(db, settings(pool, 4, 30, 200),
                new HandlerRegistry().register(new NoopHandler()), new WorkerMetrics(meters), Map.of())) {
            worker.start();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    db.sql().count("SELECT count(*) FROM jobs WHERE pool = $1 AND status = 'completed'", pool) == 20);
            assertThat(counter(meters, "noop", "completed")).isEqualTo(20);
            assertThat(counter(meters, "noop", "claimed")).isEqualTo(20);
            assertThat(meters.find("beampipe_job_claim_duration").tag("result", "claimed").timer().count()).isPositive();
            assertThat(meters.find("beampipe_job_duration").tag("kind", "noop").timer().count()).isEqualTo(20);
            assertThat(meters.find("beampipe_job_queue_wait").tag("kind", "noop").timer().count()).isEqualTo(20);
            UUID id = worker.id();
            worker.close();
            assertThat(db.sql().first("SELECT status FROM worker_instances WHERE uuid = $1", r -> r.getString(0), id))
                    .contains("stopped");
        }
    }

    @Test
    void anIdleWorkerIsWokenByNotifyLongBeforeItsPollInterval() {
        String pool = pool();
        JobQueue queue = new JobQueue(db);
        CountDownLatch started = new CountDownLatch(1);
        JobHandler probe = new JobHandler() {
            public String kind() {
                return "probe";
            }

            public JobResult handle(JobContext context) {
                started.countDown();
                return JobResult.done();
            }
        };
        // poll interval of 60 s: only NOTIFY can start the job within the wait below
        try (WorkerRuntime worker = new WorkerRuntime(db, settings(pool, 1, 30, 60_000),
                new HandlerRegistry().register(probe), new WorkerMetrics(new SimpleMeterRegistry()), Map.of())) {
            worker.start();
            sleep(1500); // let the first empty claim happen and the dispatcher go idle
            queue.enqueue(EnqueueRequest.of("probe", new JsonObject()).inPool(pool));
            assertThat(awaitLatch(started, 15)).as("job started through NOTIFY").isTrue();
        }
    }

    @Test
    void aHandlerWhoseLeaseIsLostIsStoppedAndWritesNothing() {
        String pool = pool();
        JobQueue queue = new JobQueue(db);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicBoolean sawInterruption = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        JobHandler slow = new JobHandler() {
            public String kind() {
                return "slow";
            }

            public JobResult handle(JobContext context) {
                running.countDown();
                try {
                    context.sleep(60_000);
                } catch (LeaseLostException e) {
                    sawInterruption.set(true);
                    throw e;
                }
                return JobResult.done();
            }
        };
        Job job = queue.enqueue(EnqueueRequest.of("slow", new JsonObject()).inPool(pool));
        try (WorkerRuntime worker = new WorkerRuntime(db, settings(pool, 1, 3, 200),
                new HandlerRegistry().register(slow), new WorkerMetrics(meters), Map.of())) {
            worker.start();
            assertThat(awaitLatch(running, 10)).isTrue();
            // someone else takes the job over: a new token, as a recovery would give it
            db.sql().update("UPDATE jobs SET lease_token = $2 WHERE uuid = $1", job.id(), UUID.randomUUID());
            await().atMost(Duration.ofSeconds(10)).until(sawInterruption::get);
            await().atMost(Duration.ofSeconds(5)).until(() -> counter(meters, "slow", "lease_lost") == 1);
            Job after = queue.find(job.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(db.sql().count("SELECT count(*) FROM job_claim_history WHERE job_id = $1", job.id())).isEqualTo(1);
        }
    }

    @Test
    void shutdownReleasesJobsThatDidNotFinishInTheGracePeriod() {
        String pool = pool();
        JobQueue queue = new JobQueue(db);
        CountDownLatch running = new CountDownLatch(1);
        JobHandler stuck = new JobHandler() {
            public String kind() {
                return "stuck";
            }

            public JobResult handle(JobContext context) {
                running.countDown();
                context.sleep(600_000);
                return JobResult.done();
            }
        };
        Job job = queue.enqueue(EnqueueRequest.of("stuck", new JsonObject()).inPool(pool));
        // lock 2 s -> grace clamp(2, 1, 30) = 2 s
        WorkerRuntime worker = new WorkerRuntime(db, new WorkerSettings(pool, 1, 1, 2, 1, 200,
                WorkerSettings.DEFAULT_CAPABILITIES, Map.of(), Optional.empty()),
                new HandlerRegistry().register(stuck), new WorkerMetrics(new SimpleMeterRegistry()), Map.of());
        worker.start();
        assertThat(awaitLatch(running, 10)).isTrue();
        long t0 = System.nanoTime();
        worker.close();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(15);
        Job after = queue.find(job.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(after.attempts()).isZero();
        assertThat(db.sql().list("SELECT event FROM job_claim_history WHERE job_id = $1 ORDER BY occurred_at, uuid",
                r -> r.getString(0), job.id())).containsExactly("claimed", "released");
    }

    @Test
    void handlerErrorsAndUnknownKindsGoThroughTheRetryRules() {
        String pool = pool();
        JobQueue queue = new JobQueue(db);
        JobHandler broken = new JobHandler() {
            public String kind() {
                return "execute";
            }

            public JobResult handle(JobContext context) {
                throw new IllegalStateException("DALiuGE Translation Manager at http://tm is unreachable");
            }
        };
        Job failing = queue.enqueue(EnqueueRequest.of("execute", new JsonObject()).inPool(pool));
        Job unknown = queue.enqueue(EnqueueRequest.of("no_such_kind", new JsonObject()).inPool(pool));
        try (WorkerRuntime worker = new WorkerRuntime(db, settings(pool, 2, 30, 200),
                new HandlerRegistry().register(broken), new WorkerMetrics(new SimpleMeterRegistry()), Map.of())) {
            worker.start();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    queue.find(failing.id()).orElseThrow().status() == JobStatus.FAILED
                            && queue.find(unknown.id()).orElseThrow().lastError() != null);
            assertThat(queue.find(unknown.id()).orElseThrow().lastError()).isEqualTo("unknown job kind no_such_kind");
            assertThat(queue.find(unknown.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        }
    }

    static boolean awaitLatch(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
