package dev.beampipe.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.queue.Job;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The reference's {@code JobResponse}: payload and last error redacted, timestamps RFC 3339 UTC. */
@Schema(requiredProperties = {"uuid", "kind", "payload", "status", "attempts", "max_attempts", "next_run_at", "created_at"})
public record JobResponse(
        UUID uuid,
        String kind,
        JsonNode payload,
        String status,
        UUID executionId,
        String phase,
        int attempts,
        int maxAttempts,
        Instant nextRunAt,
        Instant lockedUntil,
        String idempotencyKey,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code phase} is not read by the queue model yet; {@code locked_until} moves with the lease end. */
    static JobResponse of(Job job, JsonNode payload) {
        return new JobResponse(job.id(), job.kind(), Redaction.value(payload), job.status().db(), job.executionId(), null,
                job.attempts(), job.maxAttempts(), instant(job.nextRunAt()), instant(job.leaseExpiresAt()),
                job.idempotencyKey(), Redaction.string(job.lastError()), instant(job.createdAt()), instant(job.updatedAt()));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
