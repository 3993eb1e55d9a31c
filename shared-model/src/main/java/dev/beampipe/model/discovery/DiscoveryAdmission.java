package dev.beampipe.model.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pure rules of the discovery tick (10-state-and-jobs §4.1, §4.6; 30-project-config §3.12): which source is due,
 * when a tick is skipped, and how large the next claim is. {@link SourceClaims} applies the same due rule in SQL.
 */
public final class DiscoveryAdmission {
    private DiscoveryAdmission() {
    }

    /** The facts about one source row that decide whether discovery claims it. */
    public record SourceFacts(boolean enabled, Instant lastCheckedAt, Instant claimExpiresAt, Integer staleAfterHours,
                              int discoveryFailures, Instant lastAttemptedAt) {
        /** A source that has not failed since its last success. */
        public SourceFacts(boolean enabled, Instant lastCheckedAt, Instant claimExpiresAt, Integer staleAfterHours) {
            this(enabled, lastCheckedAt, claimExpiresAt, staleAfterHours, 0, null);
        }
    }

    /**
     * Due = enabled, claim free or expired, and never checked (a manual trigger nulls {@code last_checked_at}) or
     * older than its staleness: the per-source {@code stale_after_hours} when set, else the project default
     * (decision 2); and, after failed discoveries, its {@link DiscoveryBackoff} has elapsed (our fix of §8.3
     * item 33; the reference retries a failing source on every tick).
     */
    public static boolean isDue(SourceFacts source, int defaultStaleAfterHours, Instant now) {
        if (!source.enabled()) {
            return false;
        }
        if (source.claimExpiresAt() != null && source.claimExpiresAt().isAfter(now)) {
            return false;
        }
        if (!DiscoveryBackoff.isElapsed(source.discoveryFailures(), source.lastAttemptedAt(), now)) {
            return false;
        }
        if (source.lastCheckedAt() == null) {
            return true;
        }
        int hours = source.staleAfterHours() != null ? source.staleAfterHours() : defaultStaleAfterHours;
        return !source.lastCheckedAt().isAfter(now.minus(Duration.ofHours(hours)));
    }

    /** Why a project's tick does nothing this time, or empty when it may claim. */
    public static Optional<String> skipReason(DiscoveryLimits limits, long queueDepth, long globalInFlight,
                                              int globalInFlightCap, long projectInFlight) {
        if (limits.queueMaxDepth() != null && queueDepth >= limits.queueMaxDepth()) {
            return Optional.of("queue_depth");
        }
        if (globalInFlight >= globalInFlightCap) {
            return Optional.of("global_in_flight");
        }
        if (projectInFlight >= limits.concurrentBatchLimit()) {
            return Optional.of("project_in_flight");
        }
        return Optional.empty();
    }

    /**
     * The size of the next claim: min(batch size, remaining source budget), or 0 when the tick must stop (budget
     * spent, batches-per-tick reached, or the project's in-flight cap reached counting the batches of this tick).
     */
    public static int nextClaimSize(DiscoveryLimits limits, int sourcesClaimed, int batchesEnqueued, long projectInFlight) {
        int budget = limits.sourceBudget() - sourcesClaimed;
        if (budget <= 0 || batchesEnqueued >= limits.batchLimit()
                || projectInFlight + batchesEnqueued >= limits.concurrentBatchLimit()) {
            return 0;
        }
        return Math.min(limits.batchSize(), budget);
    }
}
