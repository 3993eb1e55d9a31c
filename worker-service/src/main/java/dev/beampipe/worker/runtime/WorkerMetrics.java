package dev.beampipe.worker.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The worker's job metrics (50-operations §3.2): {@code beampipe_jobs_total{kind,status}},
 * {@code beampipe_job_duration_seconds{kind}}, plus lease recoveries and claim latency.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void job(String kind, String status) {
        Counter.builder("beampipe_jobs").description("Job lifecycle events seen by workers")
                .tag("kind", kind).tag("status", status).register(registry).increment();
    }

    void duration(String kind, Duration d) {
        Timer.builder("beampipe_job_duration").description("Claim to completion or failure")
                .tag("kind", kind).register(registry).record(d);
    }

    void recovered(String kind) {
        Counter.builder("beampipe_job_lease_recoveries").description("Jobs taken over from an expired lease")
                .tag("kind", kind).register(registry).increment();
    }

    void claimLatency(Duration claimTransaction, int claimed) {
        Timer.builder("beampipe_job_claim_duration").description("Time of one claim transaction")
                .tag("result", claimed > 0 ? "claimed" : "empty").register(registry).record(claimTransaction);
    }

    void queueWait(String kind, Duration wait) {
        Timer.builder("beampipe_job_queue_wait").description("From runnable (next_run_at) to claimed")
                .tag("kind", kind).register(registry).record(wait.isNegative() ? Duration.ZERO : wait);
    }
}
