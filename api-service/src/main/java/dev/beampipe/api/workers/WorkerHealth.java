package dev.beampipe.api.workers;

/** The health an operator sees for one worker row (10-state §2.7), in the reference's order of precedence. */
public final class WorkerHealth {
    private WorkerHealth() {
    }

    /** {@code stopped}; else {@code stale} past the threshold (a lost worker is always stale); {@code draining}; else {@code healthy}. */
    public static String of(String status, long heartbeatAgeSeconds, int staleAfterSeconds) {
        if ("stopped".equals(status)) {
            return "stopped";
        }
        if (heartbeatAgeSeconds > staleAfterSeconds || "lost".equals(status)) {
            return "stale";
        }
        if ("draining".equals(status)) {
            return "draining";
        }
        return "healthy";
    }
}
