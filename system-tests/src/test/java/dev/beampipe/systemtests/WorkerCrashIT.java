package dev.beampipe.systemtests;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.JobStatus;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 4: SIGKILL a worker-service process while it holds a job; another worker re-claims it after
 * the lease expires and completes it once; the dead worker is marked lost.
 */
class WorkerCrashIT {

    @Test
    void aKilledWorkersJobIsRecoveredAndCompletedOnceAndTheWorkerIsMarkedLost() throws Exception {
        Path logs = Files.createTempDirectory("crash-it");
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            JobQueue queue = new JobQueue(db);
            Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_WORKER_POOL", "crash", "BEAMPIPE_WORKER_LOCK_SECONDS", "6",
                    "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "1", "BEAMPIPE_WORKER_POLL_INTERVAL_MS", "200"));
            Job job;
            UUID victimId;
            try (ServiceProcess victim = ServiceProcess.start("worker-service", "worker-victim", env, logs)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> workerOf(db, victim.pid()) != null);
                victimId = workerOf(db, victim.pid());
                job = queue.enqueue(EnqueueRequest.of("noop", new JsonObject().put("sleep_ms", 3000)).inPool("crash"));
                await().atMost(Duration.ofSeconds(10)).until(() -> victimId.equals(queue.find(job.id()).orElseThrow().leaseOwner()));
                victim.sigkill();
                assertThat(victim.process.isAlive()).isFalse();
            }
            assertThat(queue.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

            // the lost-worker sweep, as the scheduler would keep it queued for the pool
            queue.enqueueRecurring(EnqueueRequest.of("lost_worker_tick", new JsonObject().put("interval_secs", 2)
                    .put("stale_after_seconds", 30)).inPool("crash").withKey("lost_worker_tick"));
            try (ServiceProcess rescuer = ServiceProcess.start("worker-service", "worker-rescuer", env, logs)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> workerOf(db, rescuer.pid()) != null);
                UUID rescuerId = workerOf(db, rescuer.pid());
                await().atMost(Duration.ofSeconds(40)).until(() -> queue.find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
                List<String> history = db.sql().list("SELECT event || ':' || worker_id FROM job_claim_history WHERE job_id = $1 "
                        + "ORDER BY occurred_at, uuid", r -> r.getString(0), job.id());
                assertThat(history).containsExactly("claimed:" + victimId, "recovered:" + rescuerId, "completed:" + rescuerId);
                assertThat(queue.find(job.id()).orElseThrow().attempts()).isEqualTo(2);
                assertThat(rescuer.metric("beampipe_job_lease_recoveries_total")).as("recovery counted on /metrics").isEqualTo(1.0);

                await().atMost(Duration.ofSeconds(60)).until(() -> "lost".equals(statusOf(db, victimId)));
                assertThat(statusOf(db, rescuerId)).isEqualTo("active");
                assertThat(rescuer.logText()).contains("event=worker_started");
            }
        }
    }

    static UUID workerOf(Database db, long pid) {
        return db.sql().first("SELECT uuid FROM worker_instances WHERE process_id = $1 AND status = 'active'",
                r -> r.getUUID(0), (int) pid).orElse(null);
    }

    static String statusOf(Database db, UUID id) {
        return db.sql().first("SELECT status FROM worker_instances WHERE uuid = $1", r -> r.getString(0), id).orElse(null);
    }
}
