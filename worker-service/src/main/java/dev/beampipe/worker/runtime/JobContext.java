package dev.beampipe.worker.runtime;

import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.Lease;

import java.util.concurrent.atomic.AtomicBoolean;

/** What a handler sees of its job, and the signal that its lease was lost. */
public final class JobContext {
    private final ClaimedJob claimed;
    private final AtomicBoolean leaseLost = new AtomicBoolean();

    JobContext(ClaimedJob claimed) {
        this.claimed = claimed;
    }

    public Job job() {
        return claimed.job();
    }

    public Lease lease() {
        return claimed.lease();
    }

    public boolean recovered() {
        return claimed.recovered();
    }

    /** The payload's {@code correlation_id}, else the execution id, else the job id. */
    public String correlationId() {
        String fromPayload = job().payload().getString("correlation_id");
        if (fromPayload != null && !fromPayload.isBlank()) {
            return fromPayload;
        }
        return job().executionId() != null ? job().executionId().toString() : job().id().toString();
    }

    public boolean leaseLost() {
        return leaseLost.get();
    }

    /** Throws when the lease was lost (or the thread interrupted because of it). */
    public void checkLease() {
        if (leaseLost.get() || Thread.currentThread().isInterrupted()) {
            throw new LeaseLostException("lease of job " + job().id() + " was lost");
        }
    }

    /** Sleeps, waking early (with {@link LeaseLostException}) when the lease is lost. */
    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeaseLostException("interrupted while holding job " + job().id());
        }
        checkLease();
    }

    void markLeaseLost() {
        leaseLost.set(true);
    }
}
