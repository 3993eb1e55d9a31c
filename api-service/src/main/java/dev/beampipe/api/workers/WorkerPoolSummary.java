package dev.beampipe.api.workers;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Non-stopped workers of one pool. {@code unhealthy_workers} uses the reference's fixed 2 minutes; a lost worker
 * (decision 20) counts as unhealthy and its concurrency is not part of the pool's capacity.
 */
@Schema(requiredProperties = {"pool", "active_workers", "draining_workers", "unhealthy_workers", "concurrency_limit", "active_leases"})
public record WorkerPoolSummary(String pool, long activeWorkers, long drainingWorkers, long unhealthyWorkers,
                                long concurrencyLimit, long activeLeases) {
}
