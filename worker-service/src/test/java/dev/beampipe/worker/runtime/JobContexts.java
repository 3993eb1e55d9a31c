package dev.beampipe.worker.runtime;

import dev.beampipe.model.queue.ClaimedJob;

/** Test access to {@link JobContext}'s package-private constructor: run a handler on a really claimed job. */
public final class JobContexts {
    private JobContexts() {
    }

    public static JobContext of(ClaimedJob claimed) {
        return new JobContext(claimed);
    }
}
