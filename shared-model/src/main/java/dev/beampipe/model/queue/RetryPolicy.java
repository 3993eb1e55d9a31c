package dev.beampipe.model.queue;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The reference's retry rules (10-state-and-jobs §3.5), as pure functions. */
public final class RetryPolicy {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final long BASE_SECONDS = 15;
    static final int MAX_EXPONENT = 8;
    static final long CAP_SECONDS = 3600;
    private static final BigInteger ELEVEN = BigInteger.valueOf(11);

    private static final Map<String, List<String>> NON_RETRYABLE = Map.of(
            "execute", List.of("unreachable", "authentication failed", "credentials required", "translation manager",
                    "preflight", "dim at", "is unreachable"),
            "discover_batch", List.of("authentication failed", "401"),
            "slurm_poll_tick", List.of("authentication failed", "connection failed", "unreachable"),
            "dim_poll", List.of("authentication failed", "connection failed", "unreachable"),
            "dim_poll_tick", List.of("authentication failed", "connection failed", "unreachable"));

    private RetryPolicy() {
    }

    /** {@code min(3600, 15 * 2^clamp(attempts-1, 0, 8) + (uuid as unsigned big-endian 128-bit) mod 11)}. */
    public static long backoffSeconds(int attemptsAfterClaim, UUID jobId) {
        int exponent = Math.max(0, Math.min(attemptsAfterClaim - 1, MAX_EXPONENT));
        return Math.min(CAP_SECONDS, BASE_SECONDS * (1L << exponent) + jitterSeconds(jobId));
    }

    static long jitterSeconds(UUID jobId) {
        byte[] bytes = new byte[16];
        long msb = jobId.getMostSignificantBits();
        long lsb = jobId.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return new BigInteger(1, bytes).mod(ELEVEN).longValue();
    }

    public static boolean isNonRetryable(String kind, String error) {
        String text = error == null ? "" : error.toLowerCase(Locale.ROOT);
        return NON_RETRYABLE.getOrDefault(kind, List.of()).stream().anyMatch(text::contains);
    }

    /** {@code classify_job_failure}: case-insensitive substring tests, in the reference's order. */
    public static String classify(String kind, String error) {
        String text = error == null ? "" : error.toLowerCase(Locale.ROOT);
        if (text.contains("timeout") || text.contains("timed out")) {
            return "timeout";
        }
        if (text.contains("unauthorized") || text.contains("authentication") || text.contains("credential")) {
            return "authentication";
        }
        if (isNonRetryable(kind, error)) {
            return "configuration";
        }
        if (text.contains("conflict") || text.contains("already exists")) {
            return "conflict";
        }
        return "dependency_unavailable";
    }
}
