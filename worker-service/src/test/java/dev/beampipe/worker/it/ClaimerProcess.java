package dev.beampipe.worker.it;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.worker.runtime.HandlerRegistry;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import dev.beampipe.worker.runtime.WorkerMetrics;
import dev.beampipe.worker.runtime.WorkerRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A separate JVM for {@link ExactlyOnceIT}: N worker runtimes whose {@code ledger} handler records each
 * run in {@code exactly_once_ledger}. Exits when the pool has no queued or running job left.
 * Args: databaseUrl pool runtimes concurrency batch.
 */
public final class ClaimerProcess {
    public static void main(String[] args) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse(args[0]);
        String pool = args[1];
        int runtimes = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        long pid = ProcessHandle.current().pid();
        try (Database db = Database.open(url, runtimes * concurrency + 4)) {
            JobHandler ledger = new JobHandler() {
                public String kind() {
                    return "ledger";
                }

                public JobResult handle(JobContext context) {
                    context.checkLease();
                    db.sql().update("INSERT INTO exactly_once_ledger (job_id, worker_id, pid) VALUES ($1, $2, $3)",
                            context.job().id(), context.lease().owner(), (int) pid);
                    return JobResult.done();
                }
            };
            List<WorkerRuntime> workers = new ArrayList<>();
            for (int i = 0; i < runtimes; i++) {
                WorkerRuntime w = new WorkerRuntime(db, new WorkerSettings(pool, concurrency, batch, 60, 5, 200,
                        List.of(), Map.of(), Optional.of("claimer-" + pid + "-" + i)),
                        new HandlerRegistry().register(ledger), new WorkerMetrics(new SimpleMeterRegistry()), System.getenv());
                w.start();
                workers.add(w);
            }
            System.out.println("READY " + pid);
            System.out.flush();
            // wait for the parent to start enqueueing, then until the pool is drained
            while (db.sql().count("SELECT count(*) FROM exactly_once_control WHERE enqueue_done") == 0
                    || db.sql().count("SELECT count(*) FROM jobs WHERE pool = $1 AND status IN ('queued', 'running')", pool) > 0) {
                Thread.sleep(100);
            }
            workers.forEach(WorkerRuntime::close);
        }
        System.out.println("DONE " + pid);
    }
}
