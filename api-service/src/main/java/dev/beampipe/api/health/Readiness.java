package dev.beampipe.api.health;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.settings.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the readiness checks with a hard time limit, so a hanging database gives a 503 within the probe's
 * timeout instead of a hung request. Concurrent probes share the run in flight: a slow database never
 * collects a queue of check runs.
 */
@ApplicationScoped
public class Readiness {
    static final Duration LIMIT = Duration.ofSeconds(2);

    private final ReadinessChecks checks;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "beampipe-ready");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<ReadyReport> inFlight;

    public Readiness(Database db, Settings settings) {
        this.checks = new ReadinessChecks(db, settings);
    }

    public ReadyReport check() {
        CompletableFuture<ReadyReport> run = current();
        try {
            return run.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return ReadinessChecks.unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReadinessChecks.unreachable();
        }
    }

    private synchronized CompletableFuture<ReadyReport> current() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(checks::run, executor);
        }
        return inFlight;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
