package dev.beampipe.api.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * {@code GET /api/v2/ready} when every check passes: the reference's {@code ReadyResponse} fields plus
 * {@code checks} and {@code dependency_up} (ours). There is no Redis (decision 16). {@code tap_casda} /
 * {@code tap_vizier} come from the cached probe and never fail the request; {@code unknown} (ours) until the
 * process's first probe finished.
 */
@Schema(requiredProperties = {"status", "service", "database", "redis", "tap_casda", "tap_vizier", "queue_depth",
        "jobs_running", "checks", "dependency_up"})
public record ReadyResponse(String status, String service, String database, String redis,
                            @Schema(enumeration = {"ok", "error", "not_configured", "unknown"}) String tapCasda,
                            @Schema(enumeration = {"ok", "error", "not_configured", "unknown"}) String tapVizier,
                            long queueDepth, long jobsRunning, Map<String, ReadyCheck> checks,
                            @Schema(description = "beampipe_dependency_up per dependency (postgres, casda, vizier): 1 up or "
                                    + "unconfigured, 0 down") Map<String, Integer> dependencyUp) {
    static final String NOT_CONFIGURED = "not_configured";

    static ReadyResponse ready(ReadyReport report, ReadyDependencies dependencies) {
        return new ReadyResponse("ready", HealthResponse.SERVICE, "ok", NOT_CONFIGURED, dependencies.tapCasda(),
                dependencies.tapVizier(), report.queueDepth(), report.jobsRunning(), report.checks(), dependencies.dependencyUp());
    }
}
