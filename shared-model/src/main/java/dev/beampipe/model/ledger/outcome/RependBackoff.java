package dev.beampipe.model.ledger.outcome;

import java.time.Duration;

/**
 * How long a source re-pended after a failed execution waits before admission may claim it again (decision 3,
 * 10-state §1.5; the reference re-admits it on the very next tick): after {@code n >= 1} consecutive failed
 * executions, {@code min(60 s * 2^(n-1), 1 h)} — 1, 2, 4, 8, 16, 32 min, then 1 h. Admission honours it through
 * {@code source_registry.next_admission_at} ({@code model.admission.PendingClaims}).
 */
public final class RependBackoff {
    public static final Duration BASE = Duration.ofSeconds(60);
    public static final Duration CAP = Duration.ofHours(1);
    /** From this many failures on the cap applies (60 s * 2^6 = 64 min > 1 h); also keeps 2^(n-1) small in SQL. */
    static final int CAPPED_FROM = 7;

    private RependBackoff() {
    }

    /** The wait after {@code failures} consecutive failed executions; zero when there is none. */
    public static Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = BASE.multipliedBy(1L << (Math.min(failures, CAPPED_FROM) - 1));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** {@link #delay} as an SQL interval over an integer expression {@code failures} (≥ 1); RependBackoffTest pins both. */
    static String sqlDelay(String failures) {
        return "make_interval(secs => LEAST(" + BASE.toSeconds() + " * power(2, LEAST(" + failures + ", "
                + CAPPED_FROM + ") - 1), " + CAP.toSeconds() + "))";
    }
}
