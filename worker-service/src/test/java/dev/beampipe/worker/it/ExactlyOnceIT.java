package dev.beampipe.worker.it;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 2 of the skeleton issue: 10,000 jobs, 8 concurrent claimers in 2 JVM processes, every job
 * run and completed exactly once — proven by a ledger table written by the handler, the job rows and
 * the claim history.
 */
class ExactlyOnceIT {
    static final int JOBS = 10_000;

    @Test
    void tenThousandJobsEightClaimersTwoProcessesEachJobExactlyOnce() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            db.sql().update("CREATE TABLE exactly_once_ledger (job_id uuid NOT NULL, worker_id uuid NOT NULL, pid int NOT NULL, "
                    + "at timestamptz NOT NULL DEFAULT clock_timestamp())");
            db.sql().update("CREATE TABLE exactly_once_control (enqueue_done boolean NOT NULL)");
            String pool = "exactly-once";
            List<Process> processes = new ArrayList<>();
            Path logs = Files.createTempDirectory("claimers");
            for (int p = 0; p < 2; p++) {
                // 4 runtimes x concurrency 1 per process: 8 claimers, each taking one job per claim transaction
                ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        ClaimerProcess.class.getName(), t.url().toUrlWithSecret(), pool, "4", "1", "1");
                pb.redirectErrorStream(true).redirectOutput(logs.resolve("claimer-" + p + ".log").toFile());
                processes.add(pb.start());
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    db.sql().count("SELECT count(*) FROM worker_instances WHERE pool = $1 AND status = 'active'", pool) == 8);

            long start = System.nanoTime();
            JobQueue queue = new JobQueue(db);
            ExecutorService enqueuers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                done.add(enqueuers.submit(() -> {
                    for (int i = 0; i < JOBS / 4; i++) {
                        queue.enqueue(EnqueueRequest.of("ledger", new JsonObject()).inPool(pool));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            enqueuers.shutdown();
            db.sql().update("INSERT INTO exactly_once_control VALUES (true)");

            for (Process p : processes) {
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("claimer process finished").isTrue();
                assertThat(p.exitValue()).as("claimer exit code; logs in " + logs).isZero();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("exactly-once: %d jobs through 8 claimers in 2 JVMs in %.1f s (%.0f jobs/s incl. enqueue)%n",
                    JOBS, seconds, JOBS / seconds);

            assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE pool = $1", pool)).isEqualTo(JOBS);
            assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE pool = $1 AND status = 'completed'", pool)).isEqualTo(JOBS);
            assertThat(db.sql().count("SELECT count(*) FROM exactly_once_ledger")).as("handler runs").isEqualTo(JOBS);
            assertThat(db.sql().count("SELECT count(DISTINCT job_id) FROM exactly_once_ledger")).as("distinct jobs run").isEqualTo(JOBS);
            assertThat(db.sql().count("SELECT count(*) FROM exactly_once_ledger l LEFT JOIN jobs j ON j.uuid = l.job_id "
                    + "WHERE j.uuid IS NULL")).as("ledger rows for unknown jobs").isZero();
            assertThat(db.sql().count("SELECT count(*) FROM (SELECT job_id FROM job_claim_history WHERE event = 'completed' "
                    + "GROUP BY job_id HAVING count(*) <> 1) x")).as("jobs not completed exactly once").isZero();
            assertThat(db.sql().count("SELECT count(*) FROM job_claim_history WHERE event = 'claimed'")).isEqualTo(JOBS);
            assertThat(db.sql().count("SELECT count(*) FROM job_claim_history WHERE event IN ('recovered', 'requeued', 'released')"))
                    .isZero();
            // the completing worker is the one that ran the handler
            assertThat(db.sql().count("SELECT count(*) FROM exactly_once_ledger l JOIN job_claim_history h "
                    + "ON h.job_id = l.job_id AND h.event = 'completed' WHERE h.worker_id <> l.worker_id")).isZero();
            List<Long> perProcess = db.sql().list("SELECT count(*) FROM exactly_once_ledger GROUP BY pid", r -> r.getLong(0));
            assertThat(perProcess).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(db.sql().count("SELECT count(DISTINCT worker_id) FROM exactly_once_ledger")).isEqualTo(8);
        }
    }

    static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
