package dev.beampipe.model.sources;

import java.time.Duration;

/**
 * The backoff of a source after {@code n >= 1} consecutive failures, shared by discovery failures
 * ({@code DiscoveryBackoff}) and failed executions ({@code SourceOutcomes.repend}): {@code min(60 s * 2^(n-1), 1 h)} — 1, 2,
 * 4, 8, 16, 32 min, then 1 h. {@link #sqlDelay} is the same rule as an SQL interval; SourceBackoffTest pins both.
 */
public final class SourceBackoff {
    public static final Duration BASE = Duration.ofSeconds(60);
    public static final Duration CAP = Duration.ofHours(1);
    /** From this many failures on the cap applies (60 s * 2^6 = 64 min > 1 h); also keeps 2^(n-1) small in SQL. */
    public static final int CAPPED_FROM = 7;

    private SourceBackoff() {
    }

    /** The wait after {@code failures} consecutive failures; zero when there is none. */
    public static Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = BASE.multipliedBy(1L << (Math.min(failures, CAPPED_FROM) - 1));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** {@link #delay} as an SQL interval expression over an integer expression {@code failures} (≥ 1). */
    public static String sqlDelay(String failures) {
        return "make_interval(secs => LEAST(" + BASE.toSeconds() + " * power(2, LEAST(" + failures + ", "
                + CAPPED_FROM + ") - 1), " + CAP.toSeconds() + "))";
    }
}
