package dev.beampipe.model.config.revisions;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One immutable row of {@code project_configs}. */
public record ConfigRevision(UUID id, String projectId, int version, JsonNode spec, String specSha256, boolean active,
                             OffsetDateTime uploadedAt) {
}
