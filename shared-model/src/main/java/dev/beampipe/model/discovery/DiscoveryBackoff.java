package dev.beampipe.model.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * Backoff of a source whose discovery failed (our fix of 10-state-and-jobs §8.3 item 33; the reference retries on
 * every tick forever): after {@code n >= 1} consecutive failures the source is not claimed again before
 * {@code last_attempted_at + min(60 s * 2^(n-1), 1 h)}. {@link #SQL_DUE} is the same rule for the claim query.
 */
public final class DiscoveryBackoff {
    public static final Duration BASE = Duration.ofSeconds(60);
    public static final Duration CAP = Duration.ofHours(1);
    /** From this many failures on the cap applies (60 s * 2^6 = 64 min > 1 h); also keeps 2^(n-1) small in SQL. */
    static final int CAPPED_FROM = 7;

    /**
     * The SQL condition over {@code source_registry} columns: no failure, never attempted, or the backoff elapsed.
     * Must agree with {@link #isElapsed} (DiscoveryBackoffTest proves it for 1..8 failures).
     */
    public static final String SQL_DUE = "(discovery_failures <= 0 OR last_attempted_at IS NULL "
            + "OR last_attempted_at <= now() - " + sqlDelay("discovery_failures") + ")";

    private DiscoveryBackoff() {
    }

    /** The wait after {@code failures} consecutive failures; zero when there is none. */
    public static Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = BASE.multipliedBy(1L << (Math.min(failures, CAPPED_FROM) - 1));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** Whether a source with these facts may be claimed again at {@code now}. */
    public static boolean isElapsed(int failures, Instant lastAttemptedAt, Instant now) {
        if (failures <= 0 || lastAttemptedAt == null) {
            return true;
        }
        return !lastAttemptedAt.plus(delay(failures)).isAfter(now);
    }

    /** {@link #delay} as an SQL interval expression over an integer expression {@code failures} (≥ 1). */
    public static String sqlDelay(String failures) {
        return "make_interval(secs => LEAST(" + BASE.toSeconds() + " * power(2, LEAST(" + failures + ", "
                + CAPPED_FROM + ") - 1), " + CAP.toSeconds() + "))";
    }
}
