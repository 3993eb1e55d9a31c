package dev.beampipe.api.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented request body (bodies are bound by the model's {@code ProfileBinder}; this record only feeds the
 * OpenAPI document). Unknown fields are rejected at every level.
 */
@Schema(name = "DeploymentProfile", requiredProperties = {"name", "translation", "deployment"}, additionalProperties = Schema.False.class)
public record DeploymentProfileSchema(
        String name,
        String description,
        String projectModule,
        @Schema(defaultValue = "false") Boolean isDefault,
        Integer maxConcurrentExecutions,
        Translation translation,
        @Schema(description = "Tagged by `kind`: `rest_remote` or `slurm_remote` (fields and defaults in docs/api.md)")
        JsonNode deployment) {

    @Schema(name = "DaliugeTranslationConfig", additionalProperties = Schema.False.class)
    public record Translation(@Schema(enumeration = {"metis", "mysarkar"}, defaultValue = "metis") String algo,
                              @Schema(defaultValue = "1") Integer numPar,
                              @Schema(defaultValue = "0") Integer numIslands,
                              String tmUrl) {
    }
}
