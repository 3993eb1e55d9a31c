package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.Translation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One backend submission: the patched logical graph, the pinned profile's translation and deployment (REST or
 * Slurm), the deterministic session id and the persisted deadline that bounds the whole call (10-state §2.5).
 *
 * <p>{@code deadline} is the persisted value (for messages); the bound itself is {@code deadlineNanos}, a
 * {@link System#nanoTime()} instant derived from the budget measured on the database clock right after the intent
 * (§8.2 item 23), so a worker whose wall clock disagrees with the database's still honours the persisted deadline.
 */
public record SubmitRequest(UUID executionId, String sessionId, JsonNode patchedGraph, Translation translation,
                            Deployment deployment, Instant deadline, long deadlineNanos) {

    /** The {@link System#nanoTime()} value {@code budget} from now, taken before the budget was measured. */
    public static long nanosFrom(long startNanos, Duration budget) {
        return startNanos + Math.max(0, budget.toNanos());
    }

    /** The REST deployment; a backend for REST profiles only calls this. */
    public RestRemoteDeployment rest() {
        if (deployment instanceof RestRemoteDeployment r) {
            return r;
        }
        throw new IllegalStateException("the pinned deployment is " + deployment.kind() + ", not rest_remote");
    }

    /** The Slurm deployment; a backend for Slurm profiles only calls this. */
    public SlurmRemoteDeployment slurm() {
        if (deployment instanceof SlurmRemoteDeployment s) {
            return s;
        }
        throw new IllegalStateException("the pinned deployment is " + deployment.kind() + ", not slurm_remote");
    }
}
