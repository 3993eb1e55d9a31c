package dev.beampipe.model.queue;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of the {@code jobs} table. */
public record Job(
        UUID id,
        String kind,
        JsonObject payload,
        JobStatus status,
        UUID executionId,
        int attempts,
        int maxAttempts,
        OffsetDateTime nextRunAt,
        String idempotencyKey,
        String lastError,
        String pool,
        String requiredCapability,
        int priority,
        JsonObject requiredLabels,
        UUID leaseOwner,
        UUID leaseToken,
        OffsetDateTime leaseExpiresAt,
        String failureClass,
        OffsetDateTime deadLetteredAt,
        String deadLetterReason,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String COLUMNS = "uuid, kind, payload, status, execution_id, attempts, max_attempts, next_run_at, "
            + "idempotency_key, last_error, pool, required_capability, priority, required_labels, lease_owner, "
            + "lease_token, lease_expires_at, failure_class, dead_lettered_at, dead_letter_reason, created_at, updated_at";

    static Job from(Row r) {
        return new Job(
                r.getUUID("uuid"),
                r.getString("kind"),
                jsonObject(r.getValue("payload")),
                JobStatus.of(r.getString("status")),
                r.getUUID("execution_id"),
                r.getInteger("attempts"),
                r.getInteger("max_attempts"),
                r.getOffsetDateTime("next_run_at"),
                r.getString("idempotency_key"),
                r.getString("last_error"),
                r.getString("pool"),
                r.getString("required_capability"),
                r.getInteger("priority"),
                jsonObject(r.getValue("required_labels")),
                r.getUUID("lease_owner"),
                r.getUUID("lease_token"),
                r.getOffsetDateTime("lease_expires_at"),
                r.getString("failure_class"),
                r.getOffsetDateTime("dead_lettered_at"),
                r.getString("dead_letter_reason"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    static JsonObject jsonObject(Object value) {
        if (value == null) {
            return new JsonObject();
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        return new JsonObject(value.toString());
    }
}
