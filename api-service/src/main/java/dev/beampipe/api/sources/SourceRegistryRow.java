package dev.beampipe.api.sources;

import dev.beampipe.model.sources.SourceRow;

import java.time.Instant;
import java.util.UUID;

/**
 * The reference's {@code SourceRegistryRow}, in its field order, plus beampipe's failure counter and admission
 * backoff (decision 3).
 */
public record SourceRegistryRow(
        UUID uuid,
        String projectModule,
        String sourceIdentifier,
        boolean enabled,
        Instant createdAt,
        Instant lastCheckedAt,
        Instant lastAttemptedAt,
        Integer staleAfterHours,
        String discoverySignature,
        String lastExecutedDiscoverySignature,
        String discoveryClaimToken,
        Instant discoveryClaimExpiresAt,
        boolean workflowRunPending,
        Instant workflowRunPendingAt,
        String workflowClaimToken,
        Instant workflowClaimedAt,
        Instant workflowClaimExpiresAt,
        int consecutiveFailures,
        Instant nextAdmissionAt) {

    static SourceRegistryRow of(SourceRow r) {
        return new SourceRegistryRow(r.uuid(), r.projectModule(), r.sourceIdentifier(), r.enabled(), r.createdAt(),
                r.lastCheckedAt(), r.lastAttemptedAt(), r.staleAfterHours(), r.discoverySignature(),
                r.lastExecutedDiscoverySignature(), r.discoveryClaimToken(), r.discoveryClaimExpiresAt(),
                r.workflowRunPending(), r.workflowRunPendingAt(), r.workflowClaimToken(), r.workflowClaimedAt(),
                r.workflowClaimExpiresAt(), r.consecutiveFailures(), r.nextAdmissionAt());
    }
}
