package dev.beampipe.api.projects;

import dev.beampipe.model.config.revisions.ConfigRevision;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entry of {@code GET /api/v2/projects}: a project with an active revision. */
@Schema(requiredProperties = {"project_id", "version", "active"})
public record ProjectSummary(String projectId, int version, boolean active) {

    static ProjectSummary of(ConfigRevision r) {
        return new ProjectSummary(r.projectId(), r.version(), r.active());
    }
}
