package dev.beampipe.scheduler.execution;

import dev.beampipe.model.admission.ExecutionAdmitter;
import dev.beampipe.model.admission.ExecutionLimits;
import dev.beampipe.model.admission.SkipReason;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.scheduler.ticks.Tick;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The leader's execution tick (10-state-and-jobs §3.8 "Execution tick", §3.7 {@code execution_scheduler_tick},
 * decision 1): for every active project config with {@code automation.execution.enabled}, admit ready pending
 * sources into executions with their {@code execute} jobs. Counts {@code beampipe_execution_admitted_total}:
 * admitted executions under {@code skip_reason="none"}, a skipped project tick under its reason, and each claimed
 * source that was not ready under {@code sources_skipped_not_ready}.
 */
public final class ExecutionTick implements Tick {
    private static final Logger LOG = Logger.getLogger(ExecutionTick.class);
    static final String METRIC = "beampipe_execution_admitted";
    static final String ADMITTED = "none";

    private final ConfigRevisions revisions;
    private final ExecutionAdmitter admitter;
    private final MeterRegistry meters;
    private final Duration interval;

    public ExecutionTick(Database db, MeterRegistry meters, Duration interval, String pool, ExecutionLimits.ProcessCaps caps) {
        this.revisions = new ConfigRevisions(db);
        this.admitter = new ExecutionAdmitter(db, caps, pool);
        this.meters = meters;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "execution";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** Every project is tried; the first failure is rethrown afterwards so the tick log records it. */
    @Override
    public void run() {
        RuntimeException failure = null;
        for (ConfigRevision revision : revisions.activeRevisions()) {
            try {
                admitter.admitAutomated(revision).ifPresent(this::record);
            } catch (RuntimeException e) {
                LOG.warnf("event=execution_tick_failed project=%s: %s", revision.projectId(), e.getMessage());
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void record(ExecutionAdmitter.Report report) {
        String module = report.module();
        if (!report.executions().isEmpty()) {
            counter(module, ADMITTED).increment(report.executions().size());
            LOG.infof("event=executions_admitted project=%s executions=%d", module, report.executions().size());
        }
        if (!report.notReady().isEmpty()) {
            counter(module, SkipReason.SOURCES_SKIPPED_NOT_READY.label()).increment(report.notReady().size());
            report.notReady().forEach((sid, reason) ->
                    LOG.infof("event=execution_source_not_ready project=%s source=%s reason=%s", module, sid, reason));
        }
        if (!report.alreadyExecuted().isEmpty()) {
            LOG.infof("event=execution_pending_cleared project=%s reason=already_executed sources=%s", module,
                    report.alreadyExecuted());
        }
        report.skipped().ifPresent(reason -> {
            counter(module, reason.label()).increment();
            LOG.debugf("event=execution_tick_skipped project=%s reason=%s", module, reason.label());
        });
    }

    private Counter counter(String module, String reason) {
        return Counter.builder(METRIC).description("Executions admitted by the execution tick, and its skips by reason")
                .tag("project_module", module).tag("skip_reason", reason).register(meters);
    }
}
