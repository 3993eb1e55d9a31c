package dev.beampipe.api.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code profile} is the resolved profile's name; {@code manager} is null when no DIM is configured. */
@Schema(requiredProperties = "translator")
public record DaliugeInspectResponse(
        String profile,
        @Schema(implementation = Object.class) JsonNode translator,
        @Schema(implementation = Object.class, nullable = true) JsonNode manager) {
}
