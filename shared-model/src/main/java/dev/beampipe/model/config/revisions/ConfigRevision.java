package dev.beampipe.model.config.revisions;

import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.model.ProjectConfig;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One immutable row of {@code project_configs}. */
public record ConfigRevision(UUID id, String projectId, int version, JsonNode spec, String specSha256, boolean active,
                             OffsetDateTime uploadedAt) {

    /**
     * The stored spec bound to the typed config; empty when it no longer binds (a revision stored by an older
     * version, or edited in the database). Callers log their own event: what it means differs per caller.
     */
    public Optional<ProjectConfig> bound() {
        try {
            return Optional.of(ConfigBinder.bind(spec));
        } catch (BindingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
