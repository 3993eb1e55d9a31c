package dev.beampipe.api.overview;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The reference's {@code OperatorOverviewResponse}: the flattened counts plus integration states. */
@Schema(requiredProperties = {"registered_sources", "pending_admissions", "running_executions", "failed_executions",
        "queue_depth", "active_workers", "stale_workers", "recent_alerts", "generated_at", "casda", "daliuge", "scheduler"})
public record OperatorOverviewResponse(
        long registeredSources,
        long pendingAdmissions,
        long runningExecutions,
        long failedExecutions,
        long queueDepth,
        long activeWorkers,
        long staleWorkers,
        long recentAlerts,
        Instant generatedAt,
        String casda,
        String daliuge,
        String scheduler) {
}
