package dev.beampipe.worker.runtime;

/** How a successful handler leaves its job: completed, or (recurring kinds) queued again after a delay. */
public record JobResult(Long rescheduleAfterSeconds) {
    private static final JobResult DONE = new JobResult(null);

    public static JobResult done() {
        return DONE;
    }

    public static JobResult rescheduleIn(long seconds) {
        return new JobResult(Math.max(1, seconds));
    }

    public boolean reschedules() {
        return rescheduleAfterSeconds != null;
    }
}
