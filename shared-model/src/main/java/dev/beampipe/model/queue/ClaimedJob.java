package dev.beampipe.model.queue;

/** A job handed to a worker, with its lease; {@code recovered} when it was taken over from an expired lease. */
public record ClaimedJob(Job job, Lease lease, boolean recovered) {
}
