package dev.beampipe.worker.discovery.batch;

import dev.beampipe.model.discovery.persist.BatchReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The worker's discovery metrics (50-operations §3.2): {@code beampipe_discovery_sources_total{project_module,
 * outcome}}, {@code beampipe_discovery_duration_seconds{project_module}} (each batch and each source, one series as
 * in the reference), and two of ours: {@code beampipe_discovery_batches_total{project_module,outcome}} and
 * {@code beampipe_tap_request_duration_seconds{adapter,outcome}}. Labels never carry source ids or URLs.
 */
public final class DiscoveryMetrics {
    private final MeterRegistry registry;

    public DiscoveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void tapRequest(String adapter, String outcome, long nanos) {
        Timer.builder("beampipe_tap_request_duration").description("One TAP query including the client's retries")
                .tag("adapter", adapter == null ? "unknown" : adapter).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    void duration(String module, long nanos) {
        Timer.builder("beampipe_discovery_duration").description("Discovery batch and per-source duration")
                .tag("project_module", module).register(registry).record(Duration.ofNanos(nanos));
    }

    void batch(String module, String outcome) {
        Counter.builder("beampipe_discovery_batches").description("discover_batch jobs by outcome")
                .tag("project_module", module).tag("outcome", outcome).register(registry).increment();
    }

    void sources(String module, BatchReport report) {
        sources(module, "changed", report.changedCount());
        sources(module, "unchanged", report.unchangedCount());
        sources(module, "no_datasets", report.noDatasetsCount());
        sources(module, "error", report.errorCount() + report.invalidRecordCount());
        sources(module, "timeout", report.timeoutCount());
        sources(module, "claim_lost", report.missingRegistryCount());
    }

    private void sources(String module, String outcome, int count) {
        Counter c = Counter.builder("beampipe_discovery_sources").description("Per-source discovery outcomes")
                .tag("project_module", module).tag("outcome", outcome).register(registry);
        if (count > 0) {
            c.increment(count);
        }
    }

    /** The batch outcome label: {@code ok}, {@code partial} (some sources failed) or {@code claim_lost}. */
    static String batchOutcome(BatchReport report) {
        int failed = report.errorCount() + report.timeoutCount() + report.invalidRecordCount();
        if (report.missingRegistryCount() == report.totalSources() && report.totalSources() > 0) {
            return "claim_lost";
        }
        return failed == 0 ? "ok" : "partial";
    }
}
