package dev.beampipe.api.workers;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A running job's lease: {@code worker_id} is the lease owner, {@code claim_id} the fencing token. */
@Schema(requiredProperties = {"job_id", "kind", "pool", "attempts"})
public record WorkerLeaseRead(UUID jobId, String kind, UUID executionId, UUID workerId, UUID claimId, String pool,
                              String requiredCapability, int attempts, Instant leaseExpiresAt, Instant heartbeatAt) {
}
