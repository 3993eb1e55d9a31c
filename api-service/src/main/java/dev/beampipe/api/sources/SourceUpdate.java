package dev.beampipe.api.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PATCH /api/v2/sources/{id}} body. {@code stale_after_hours} is tri-state (absent = keep, null = clear,
 * number = set), which a Jackson record cannot tell apart, so the body is bound from the tree here.
 * Unknown fields are ignored, like the reference's.
 */
public record SourceUpdate(
        @Schema(nullable = true) Boolean enabled,
        @Schema(nullable = true, format = "int32") Integer staleAfterHours,
        @Schema(hidden = true) boolean staleAfterHoursPresent) {

    static SourceUpdate bind(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw ApiErrors.badRequest("Failed to parse the request body as JSON: the body is empty");
        }
        if (!body.isObject()) {
            throw shape("expected a JSON object");
        }
        Boolean enabled = null;
        JsonNode e = body.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                throw shape("enabled: expected a boolean");
            }
            enabled = e.booleanValue();
        }
        boolean present = body.has("stale_after_hours");
        Integer hours = null;
        JsonNode h = body.get("stale_after_hours");
        if (h != null && !h.isNull()) {
            if (!h.isIntegralNumber() || !h.canConvertToInt()) {
                throw shape("stale_after_hours: expected a 32-bit integer");
            }
            hours = h.intValue();
            if (hours < 1) {
                throw ApiErrors.badRequest("stale_after_hours must be at least 1 (or null to use the project default)");
            }
        }
        return new SourceUpdate(enabled, hours, present);
    }

    private static RuntimeException shape(String detail) {
        return ApiErrors.unprocessable("Failed to deserialize the JSON body into the target type: " + detail);
    }
}
