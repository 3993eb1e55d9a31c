package dev.beampipe.worker.discovery.tap;

import dev.beampipe.model.config.model.Tap;

import java.time.Duration;

/**
 * A project's {@code adapters.tap} as the client uses it (30-project-config §2.5): the per-HTTP-request
 * timeout and the number of extra attempts on retryable failures (total = retries + 1).
 */
public record TapSettings(Duration timeout, int retries) {

    public TapSettings {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("adapters.tap.timeout_seconds must be > 0");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("adapters.tap.retries must be >= 0");
        }
    }

    public static TapSettings of(Tap tap) {
        long seconds = tap.timeoutSeconds() < 0 ? Long.MAX_VALUE / 1_000_000_000L : tap.timeoutSeconds();
        // u32 retries beyond a few dozen only stretch a failure out; the back-off caps at 4 s anyway
        int retries = (int) Math.min(tap.retries() < 0 ? Integer.MAX_VALUE : tap.retries(), 100);
        return new TapSettings(Duration.ofSeconds(Math.min(seconds, Long.MAX_VALUE / 1_000_000_000L)), retries);
    }

    /** Delay before attempt {@code attempt + 1}: 500 ms × 2^min(attempt, 3) (0.5, 1, 2, 4 s). */
    public static Duration backoff(int attempt) {
        return Duration.ofMillis(500L << Math.min(attempt, 3));
    }
}
