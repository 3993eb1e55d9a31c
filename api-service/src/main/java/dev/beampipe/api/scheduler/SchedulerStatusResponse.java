package dev.beampipe.api.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(requiredProperties = {"profile", "connectivity", "resource_request", "rendered_resource_request"})
public record SchedulerStatusResponse(
        String profile,
        @Schema(implementation = Object.class) JsonNode connectivity,
        @Schema(implementation = Object.class) JsonNode resourceRequest,
        String renderedResourceRequest) {
}
