package dev.beampipe.worker.slurmpoll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The Slurm polling metrics of 50-operations §3.2: {@code beampipe_slurm_poll_batch_size} (executions in the last
 * tick), {@code beampipe_slurm_poll_errors_total{reason}} (per failed execution poll: the error kind),
 * {@code beampipe_slurm_ssh_sessions_active{login_node}} (the pool's open sessions),
 * {@code beampipe_reconciliation_total{component="slurm"|"slurm_submission", result}} and
 * {@code beampipe_execute_terminal_total{project_module, status}} for poll-driven terminal transitions.
 */
public final class SlurmPollMetrics {
    private final MeterRegistry meters;
    private final AtomicInteger batchSize = new AtomicInteger();
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();

    public SlurmPollMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("beampipe_slurm_poll_batch_size", batchSize, AtomicInteger::get)
                .description("Active Slurm executions in the last poll tick").register(meters);
    }

    public void batch(int size) {
        batchSize.set(size);
    }

    public void error(String reason) {
        Counter.builder("beampipe_slurm_poll_errors").description("Slurm poll failures")
                .tag("reason", reason).register(meters).increment();
    }

    public void reconciled(String component, String result) {
        Counter.builder("beampipe_reconciliation").description("Reconciliation outcomes")
                .tag("component", component).tag("result", result).register(meters).increment();
    }

    public void terminal(String projectModule, String status) {
        Counter.builder("beampipe_execute_terminal").description("Terminal execute outcomes")
                .tag("project_module", projectModule == null || projectModule.isEmpty() ? "unknown" : projectModule)
                .tag("status", status).register(meters).increment();
    }

    /** Refreshes the per-login-node session gauges from the pool (nodes no longer pooled read 0). */
    public void sessions(Supplier<Map<String, Integer>> active) {
        Map<String, Integer> now = active.get();
        sessions.forEach((node, gauge) -> gauge.set(now.getOrDefault(node, 0)));
        now.forEach((node, count) -> sessions.computeIfAbsent(node, n -> {
            AtomicInteger g = new AtomicInteger();
            Gauge.builder("beampipe_slurm_ssh_sessions_active", g, AtomicInteger::get)
                    .description("Pooled SSH sessions to Slurm login nodes").tag("login_node", n).register(meters);
            return g;
        }).set(count));
    }
}
