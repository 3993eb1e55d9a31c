package dev.beampipe.model.queue;

import java.util.UUID;

/** What fences every write a worker makes to a job it claimed: the job, the owner and the claim's token. */
public record Lease(UUID jobId, UUID owner, UUID token) {
}
