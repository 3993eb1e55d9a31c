package dev.beampipe.api.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * {@code GET /api/v2/ready} when every check passes: the reference's {@code ReadyResponse} fields plus
 * {@code checks}. There is no Redis (decision 16); the TAP probes arrive with discovery.
 */
@Schema(requiredProperties = {"status", "service", "database", "redis", "tap_casda", "tap_vizier", "queue_depth",
        "jobs_running", "checks"})
public record ReadyResponse(String status, String service, String database, String redis, String tapCasda,
                            String tapVizier, long queueDepth, long jobsRunning, Map<String, ReadyCheck> checks) {
    static final String NOT_CONFIGURED = "not_configured";

    static ReadyResponse ready(ReadyReport report) {
        return new ReadyResponse("ready", HealthResponse.SERVICE, "ok", NOT_CONFIGURED, NOT_CONFIGURED, NOT_CONFIGURED,
                report.queueDepth(), report.jobsRunning(), report.checks());
    }
}
