package dev.beampipe.api.jobs;

/** The capability a job kind needs when the enqueuer names none (10-state-and-jobs §3.1). */
final class DefaultCapabilities {
    private DefaultCapabilities() {
    }

    static String forKind(String kind) {
        return switch (kind) {
            case "scheduler_tick", "discover_batch" -> "casda-discovery";
            case "execution_scheduler_tick" -> "manifest-generation";
            case "execute", "dim_poll", "dim_poll_tick" -> "daliuge-deployment";
            case "slurm_poll_tick" -> "slurm-remote";
            default -> null;
        };
    }
}
