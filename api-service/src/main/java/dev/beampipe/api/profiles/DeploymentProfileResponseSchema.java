package dev.beampipe.api.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The documented {@code DeploymentProfileResponse} (responses are written by {@link ProfileResponses}). */
@Schema(name = "DeploymentProfileResponse",
        requiredProperties = {"uuid", "name", "is_default", "revision", "translation", "deployment", "created_at"})
public record DeploymentProfileResponseSchema(
        UUID uuid,
        String name,
        String description,
        String projectModule,
        boolean isDefault,
        Integer maxConcurrentExecutions,
        int revision,
        String specSha256,
        @Schema(description = "Normalised translation config, secrets redacted") JsonNode translation,
        @Schema(description = "Normalised deployment config, secrets redacted (`ssh_credential` slot names shown)")
        JsonNode deployment,
        Instant createdAt,
        Instant updatedAt) {
}
