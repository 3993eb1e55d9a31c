package dev.beampipe.worker.execute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The execute job's metrics (50-operations §3.2): {@code beampipe_execute_terminal_total{project_module,status}} — an
 * execution this job made terminal ({@code failed}, {@code not_submitted}) — and
 * {@code beampipe_execute_duration_seconds{phase}} with {@code phase} = {@code stage} (steps 5–14: inputs, preflight,
 * staging, manifest and graph), {@code submit} (steps 15–18) and {@code total} (the whole job run past its guards).
 * Terminal statuses reached later by polling are counted by the poll handlers.
 */
public final class ExecuteMetrics {
    private final MeterRegistry registry;

    public ExecuteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void terminal(String projectModule, String status) {
        Counter.builder("beampipe_execute_terminal").description("Terminal execute outcomes")
                .tag("project_module", projectModule == null ? "unknown" : projectModule).tag("status", status)
                .register(registry).increment();
    }

    void duration(String phase, long nanos) {
        Timer.builder("beampipe_execute_duration").description("Execute job phase durations").tag("phase", phase)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }
}
