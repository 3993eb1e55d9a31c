package dev.beampipe.benchmarks;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.worker.runtime.HandlerRegistry;
import dev.beampipe.worker.runtime.WorkerMetrics;
import dev.beampipe.worker.runtime.WorkerRuntime;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One simulated worker-service process inside the benchmark's JVM: its own {@link Database} (own Vert.x and
 * connection pool, as a separate process would have) and a real {@link WorkerRuntime} (real registration,
 * LISTEN/NOTIFY, claim transactions under the pool's advisory lock, fenced completes).
 */
final class BenchWorker implements AutoCloseable {
    static final int LOCK_SECONDS = 120;
    static final int HEARTBEAT_SECONDS = 10;

    private final Database db;
    private final WorkerRuntime runtime;

    BenchWorker(DatabaseUrl url, int dbConnections, WorkerSettings settings, HandlerRegistry handlers, MeterRegistry meters) {
        this.db = Database.open(url, dbConnections);
        this.runtime = new WorkerRuntime(db, settings, handlers, new WorkerMetrics(meters), System.getenv());
    }

    static WorkerSettings settings(String pool, String instance, int concurrency, int claimBatch, int pollIntervalMs) {
        return new WorkerSettings(pool, concurrency, claimBatch, LOCK_SECONDS, HEARTBEAT_SECONDS, pollIntervalMs,
                WorkerSettings.DEFAULT_CAPABILITIES, Map.of(), Optional.of(instance));
    }

    WorkerRuntime runtime() {
        return runtime;
    }

    void start() {
        runtime.start();
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            db.close();
        }
    }

    /** Starts (or closes) every worker at once, as separately started processes would be. */
    static void startAll(List<BenchWorker> workers) {
        inParallel(workers, BenchWorker::start);
    }

    static void closeAll(List<BenchWorker> workers) {
        inParallel(workers, BenchWorker::close);
    }

    private static void inParallel(List<BenchWorker> workers, Consumer<BenchWorker> action) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (BenchWorker w : workers) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    action.accept(w);
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "bench-worker-control");
            t.setDaemon(true);
            t.start();
            all.add(f);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }
}
