package dev.beampipe.api.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/v2/health}: always {@code {"status":"ok","service":"beampipe-v2"}}. */
@Schema(requiredProperties = {"status", "service"})
public record HealthResponse(String status, String service) {
    public static final String SERVICE = "beampipe-v2";
    static final HealthResponse OK = new HealthResponse("ok", SERVICE);
}
