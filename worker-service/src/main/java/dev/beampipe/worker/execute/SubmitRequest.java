package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;

import java.time.Instant;
import java.util.UUID;

/**
 * One backend submission: the patched logical graph, the pinned profile's translation and REST deployment, the
 * deterministic session id and the persisted deadline that bounds the whole call (10-state §2.5).
 */
public record SubmitRequest(UUID executionId, String sessionId, JsonNode patchedGraph, Translation translation,
                            RestRemoteDeployment deployment, Instant deadline) {
}
