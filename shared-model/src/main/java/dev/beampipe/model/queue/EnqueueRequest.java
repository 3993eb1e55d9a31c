package dev.beampipe.model.queue;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * What to put on the queue. {@code idempotencyKey == null} never dedupes; {@code requiredCapability == null}
 * lets any worker of the pool run it; {@code delaySeconds} defers {@code next_run_at}.
 */
public record EnqueueRequest(
        String kind,
        JsonObject payload,
        String pool,
        String requiredCapability,
        JsonObject requiredLabels,
        int priority,
        int maxAttempts,
        long delaySeconds,
        String idempotencyKey,
        UUID executionId) {

    public EnqueueRequest {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("job kind is required");
        }
        if (kind.length() > 64) {
            throw new IllegalArgumentException("job kind is longer than 64 characters");
        }
        payload = payload == null ? new JsonObject() : payload;
        pool = pool == null || pool.isBlank() ? "default" : pool;
        requiredLabels = requiredLabels == null ? new JsonObject() : requiredLabels;
        if (maxAttempts <= 0) {
            throw new IllegalArgumentException("max_attempts must be > 0");
        }
        if (delaySeconds < 0) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
    }

    public static EnqueueRequest of(String kind, JsonObject payload) {
        return new EnqueueRequest(kind, payload, "default", null, new JsonObject(), 0,
                RetryPolicy.DEFAULT_MAX_ATTEMPTS, 0, null, null);
    }

    public EnqueueRequest inPool(String newPool) {
        return new EnqueueRequest(kind, payload, newPool, requiredCapability, requiredLabels, priority, maxAttempts,
                delaySeconds, idempotencyKey, executionId);
    }

    public EnqueueRequest withKey(String key) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, requiredLabels, priority, maxAttempts,
                delaySeconds, key, executionId);
    }

    public EnqueueRequest requiring(String capability) {
        return new EnqueueRequest(kind, payload, pool, capability, requiredLabels, priority, maxAttempts,
                delaySeconds, idempotencyKey, executionId);
    }

    public EnqueueRequest withLabels(JsonObject labels) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, labels, priority, maxAttempts,
                delaySeconds, idempotencyKey, executionId);
    }

    public EnqueueRequest withPriority(int newPriority) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, requiredLabels, newPriority, maxAttempts,
                delaySeconds, idempotencyKey, executionId);
    }

    public EnqueueRequest withMaxAttempts(int attempts) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, requiredLabels, priority, attempts,
                delaySeconds, idempotencyKey, executionId);
    }

    public EnqueueRequest delayedBy(long seconds) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, requiredLabels, priority, maxAttempts,
                seconds, idempotencyKey, executionId);
    }

    public EnqueueRequest forExecution(UUID execution) {
        return new EnqueueRequest(kind, payload, pool, requiredCapability, requiredLabels, priority, maxAttempts,
                delaySeconds, idempotencyKey, execution);
    }
}
