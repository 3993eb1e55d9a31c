package dev.beampipe.model.sources;

import java.time.Instant;

/**
 * The readiness-relevant columns of one {@code source_registry} row (10-state-and-jobs §1.2). Timestamps and
 * strings are {@code null} when the column is NULL.
 */
public record SourceState(
        boolean enabled,
        Instant lastCheckedAt,
        String discoverySignature,
        String discoveryClaimToken,
        String lastExecutedDiscoverySignature,
        boolean workflowRunPending,
        Instant workflowRunPendingAt) {
}
