package dev.beampipe.model.sources;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One {@code source_registry} row (10-state-and-jobs §1.2), including beampipe's failure counter and admission
 * backoff (decision 3).
 */
public record SourceRow(
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

    static final String COLUMNS = "uuid, project_module, source_identifier, enabled, created_at, last_checked_at, "
            + "last_attempted_at, stale_after_hours, discovery_signature, last_executed_discovery_signature, "
            + "discovery_claim_token, discovery_claim_expires_at, workflow_run_pending, workflow_run_pending_at, "
            + "workflow_claim_token, workflow_claimed_at, workflow_claim_expires_at, consecutive_failures, next_admission_at";

    static SourceRow from(Row r) {
        return new SourceRow(r.getUUID("uuid"), r.getString("project_module"), r.getString("source_identifier"),
                r.getBoolean("enabled"), instant(r, "created_at"), instant(r, "last_checked_at"),
                instant(r, "last_attempted_at"), r.getInteger("stale_after_hours"), r.getString("discovery_signature"),
                r.getString("last_executed_discovery_signature"), r.getString("discovery_claim_token"),
                instant(r, "discovery_claim_expires_at"), r.getBoolean("workflow_run_pending"),
                instant(r, "workflow_run_pending_at"), r.getString("workflow_claim_token"), instant(r, "workflow_claimed_at"),
                instant(r, "workflow_claim_expires_at"), r.getInteger("consecutive_failures"), instant(r, "next_admission_at"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    /** What {@link SourceReadiness} reads. */
    public SourceState state() {
        return new SourceState(enabled, lastCheckedAt, discoverySignature, discoveryClaimToken,
                lastExecutedDiscoverySignature, workflowRunPending, workflowRunPendingAt);
    }
}
