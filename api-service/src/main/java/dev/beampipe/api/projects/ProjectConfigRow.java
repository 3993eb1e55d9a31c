package dev.beampipe.api.projects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.SortedTree;
import dev.beampipe.model.config.revisions.ConfigRevision;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One stored revision as the reference returns it: the normalised spec, unredacted, keys sorted (20-api §2.6). */
@Schema(requiredProperties = {"uuid", "project_id", "version", "spec", "spec_sha256", "active", "uploaded_at"})
public record ProjectConfigRow(UUID uuid, String projectId, int version, JsonNode spec, String specSha256, boolean active,
                               Instant uploadedAt) {

    static ProjectConfigRow of(ConfigRevision r) {
        return new ProjectConfigRow(r.id(), r.projectId(), r.version(), SortedTree.of(r.spec()), r.specSha256(), r.active(),
                r.uploadedAt() == null ? null : r.uploadedAt().toInstant());
    }
}
