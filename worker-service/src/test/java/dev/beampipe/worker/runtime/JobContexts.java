package dev.beampipe.worker.runtime;

import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.Lease;

import java.util.UUID;

/** A {@link JobContext} for calling a handler directly in a test (the lease is never renewed or lost). */
public final class JobContexts {
    private JobContexts() {
    }

    public static JobContext of(Job job) {
        return new JobContext(new ClaimedJob(job, new Lease(job.id(), UUID.randomUUID(), UUID.randomUUID()), false));
    }
}
