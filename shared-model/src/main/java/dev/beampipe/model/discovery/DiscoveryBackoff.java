package dev.beampipe.model.discovery;

import dev.beampipe.model.sources.SourceBackoff;

import java.time.Instant;

/**
 * Backoff of a source whose discovery failed (our fix of 10-state-and-jobs §8.3 item 33; the reference retries on
 * every tick forever): after {@code n >= 1} consecutive failures the source is not claimed again before
 * {@code last_attempted_at + }{@link SourceBackoff#delay} ({@code min(60 s * 2^(n-1), 1 h)}). {@link #SQL_DUE} is the
 * same rule for the claim query.
 */
public final class DiscoveryBackoff {
    /**
     * The SQL condition over {@code source_registry} columns: no failure, never attempted, or the backoff elapsed.
     * Must agree with {@link #isElapsed} (DiscoveryBackoffTest proves it for 1..8 failures).
     */
    public static final String SQL_DUE = "(discovery_failures <= 0 OR last_attempted_at IS NULL "
            + "OR last_attempted_at <= now() - " + SourceBackoff.sqlDelay("discovery_failures") + ")";

    private DiscoveryBackoff() {
    }

    /** Whether a source with these facts may be claimed again at {@code now}. */
    public static boolean isElapsed(int failures, Instant lastAttemptedAt, Instant now) {
        if (failures <= 0 || lastAttemptedAt == null) {
            return true;
        }
        return !lastAttemptedAt.plus(SourceBackoff.delay(failures)).isAfter(now);
    }
}
