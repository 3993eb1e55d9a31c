package dev.beampipe.worker.dimpoll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DIM polling metrics of 50-operations §3.2: {@code beampipe_dim_poll_batch_size} (executions in the last tick),
 * {@code beampipe_reconciliation_total{component="daliuge", result}} ({@code observed} or the poll error kind) and
 * {@code beampipe_execute_terminal_total{project_module, status}} for poll-driven terminal transitions.
 */
public final class DimPollMetrics {
    private final MeterRegistry meters;
    private final AtomicInteger batchSize = new AtomicInteger();

    public DimPollMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("beampipe_dim_poll_batch_size", batchSize, AtomicInteger::get)
                .description("Active REST/DIM executions in the last poll tick").register(meters);
    }

    public void batch(int size) {
        batchSize.set(size);
    }

    public void reconciled(String result) {
        Counter.builder("beampipe_reconciliation").description("Reconciliation outcomes")
                .tag("component", "daliuge").tag("result", result).register(meters).increment();
    }

    public void terminal(String projectModule, String status) {
        Counter.builder("beampipe_execute_terminal").description("Terminal execute outcomes")
                .tag("project_module", projectModule == null || projectModule.isEmpty() ? "unknown" : projectModule).tag("status", status)
                .register(meters).increment();
    }
}
