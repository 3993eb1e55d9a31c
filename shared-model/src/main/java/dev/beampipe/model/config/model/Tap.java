package dev.beampipe.model.config.model;

/**
 * {@code adapters.tap}. {@code timeoutSeconds} is a u64 held in a long with unsigned meaning
 * (use {@link Long#toUnsignedString}); {@code retries} is a u32.
 */
public record Tap(long timeoutSeconds, long retries, boolean failOpen) {

    public static final Tap DEFAULT = new Tap(30, 1, false);
}
