package dev.beampipe.model.maintenance;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.JobStatus;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.model.testing.Workers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QueueMaintenanceTest {

    @Test
    void exhaustedExpiredLeasesAreDeadLetteredOthersStayRecoverable() {
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            JobQueue queue = new JobQueue(db);
            UUID w = Workers.register(db, "m", 2);
            Job last = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("m").withMaxAttempts(1));
            Job spare = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("m"));
            queue.claim(w, "m", 60, 2);
            db.sql().update("UPDATE jobs SET lease_expires_at = now() - interval '1 s', locked_until = now() - interval '1 s'");

            assertThat(new QueueMaintenance(db).deadLetterExhaustedLeases()).isEqualTo(1);

            assertThat(queue.find(last.id()).orElseThrow().status()).isEqualTo(JobStatus.DEAD_LETTER);
            assertThat(queue.find(spare.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(queue.claim(w, "m", 60).map(ClaimedJob::recovered)).contains(true);
        }
    }

    @Test
    void retentionPurgesOldCompletedJobsAndOldHistoryOfFinishedJobsOnly() {
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            JobQueue queue = new JobQueue(db);
            UUID w = Workers.register(db, "r", 3);
            Job oldDone = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("r"));
            Job freshDone = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("r"));
            Job oldFailed = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("r"));
            for (ClaimedJob c : queue.claim(w, "r", 60, 3)) {
                if (c.job().id().equals(oldFailed.id())) {
                    queue.fail(c.lease(), "execute", "TM is unreachable");
                } else {
                    queue.complete(c.lease());
                }
            }
            Job running = queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("r"));
            queue.claim(w, "r", 60).orElseThrow();
            db.sql().update("UPDATE jobs SET updated_at = now() - interval '20 days' WHERE uuid = ANY($1)",
                    (Object) new UUID[]{oldDone.id(), oldFailed.id(), running.id()});
            db.sql().update("UPDATE job_claim_history SET occurred_at = now() - interval '20 days'");

            QueueMaintenance m = new QueueMaintenance(db);
            assertThat(m.purgeClaimHistory(14)).as("2 events each of the three finished jobs").isEqualTo(6);
            assertThat(m.purgeCompletedJobs(14)).isEqualTo(1);

            assertThat(queue.find(oldDone.id())).isEmpty();
            assertThat(queue.find(freshDone.id())).isPresent();
            assertThat(queue.find(oldFailed.id())).isPresent();
            assertThat(queue.find(running.id())).isPresent();
            assertThat(db.sql().count("SELECT count(*) FROM job_claim_history WHERE job_id = $1", running.id())).isEqualTo(1);
        }
    }
}
