package dev.beampipe.worker.discovery.batch;

import dev.beampipe.model.discovery.persist.SourceResult;
import dev.beampipe.model.discovery.pipeline.ArchiveQueries;
import dev.beampipe.model.discovery.pipeline.SourceDiscovery;
import dev.beampipe.model.discovery.pipeline.SourceOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Discovers a batch's sources with at most {@code concurrency} in flight (10-state-and-jobs §4.2 step 3;
 * 1 = strictly sequential) and returns the results in input order. An unexpected exception inside one source's
 * pipeline is that source's error, never the batch's.
 */
final class ParallelDiscovery {
    private final int concurrency;

    ParallelDiscovery(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("discovery source concurrency must be >= 1");
        }
        this.concurrency = concurrency;
    }

    List<SourceResult> run(SourceDiscovery discovery, List<String> identifiers, ArchiveQueries tap)
            throws InterruptedException {
        int threads = Math.min(concurrency, Math.max(1, identifiers.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "beampipe-discovery");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SourceResult>> futures = new ArrayList<>(identifiers.size());
            for (String identifier : identifiers) {
                futures.add(pool.submit(() -> one(discovery, identifier, tap)));
            }
            List<SourceResult> results = new ArrayList<>(identifiers.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    results.add(new SourceResult(identifiers.get(i),
                            new SourceOutcome.Failed(false, "discovery failed: " + e.getCause()), 0));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SourceResult one(SourceDiscovery discovery, String identifier, ArchiveQueries tap)
            throws InterruptedException {
        long started = System.nanoTime();
        SourceOutcome outcome;
        try {
            outcome = discovery.discover(identifier, tap);
        } catch (RuntimeException e) {
            outcome = new SourceOutcome.Failed(false, "discovery failed: " + e.getMessage());
        }
        return new SourceResult(identifier, outcome, (System.nanoTime() - started) / 1_000_000);
    }
}
