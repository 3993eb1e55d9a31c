package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One backend submission: the patched logical graph, the pinned profile's translation and REST deployment, the
 * deterministic session id and the persisted deadline that bounds the whole call (10-state §2.5).
 *
 * <p>{@code deadline} is the persisted value (for messages); the bound itself is {@code deadlineNanos}, a
 * {@link System#nanoTime()} instant derived from the budget measured on the database clock right after the intent
 * (§8.2 item 23), so a worker whose wall clock disagrees with the database's still honours the persisted deadline.
 */
public record SubmitRequest(UUID executionId, String sessionId, JsonNode patchedGraph, Translation translation,
                            RestRemoteDeployment deployment, Instant deadline, long deadlineNanos) {

    /** The {@link System#nanoTime()} value {@code budget} from now, taken before the budget was measured. */
    public static long nanosFrom(long startNanos, Duration budget) {
        return startNanos + Math.max(0, budget.toNanos());
    }
}
