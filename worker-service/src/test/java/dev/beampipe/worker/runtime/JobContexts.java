package dev.beampipe.worker.runtime;

import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.Lease;

import java.util.UUID;

/** Test access to {@link JobContext}'s package-private constructor. */
public final class JobContexts {
    private JobContexts() {
    }

    /** Run a handler on a really claimed job (lease checks hit the database). */
    public static JobContext of(ClaimedJob claimed) {
        return new JobContext(claimed);
    }

    /** A really claimed job whose lease the heartbeat has already found lost. */
    public static JobContext leaseLost(ClaimedJob claimed) {
        JobContext context = new JobContext(claimed);
        context.markLeaseLost();
        return context;
    }

    /** Call a handler directly with a made-up lease (never renewed or lost). */
    public static JobContext of(Job job) {
        return new JobContext(new ClaimedJob(job, new Lease(job.id(), UUID.randomUUID(), UUID.randomUUID()), false));
    }
}
