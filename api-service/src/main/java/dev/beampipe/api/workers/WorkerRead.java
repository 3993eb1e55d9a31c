package dev.beampipe.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One registered worker as operators see it (20-api §2.7); {@code lost_at} is our addition (decision 20). */
@Schema(requiredProperties = {"id", "instance_name", "host", "role", "pool", "capabilities", "labels", "version",
        "concurrency_limit", "status", "health", "active_leases", "heartbeat_age_seconds", "started_at", "last_heartbeat_at"})
public record WorkerRead(
        UUID id,
        String instanceName,
        String host,
        Integer processId,
        String role,
        String pool,
        List<String> capabilities,
        JsonNode labels,
        String version,
        int concurrencyLimit,
        String status,
        String health,
        long activeLeases,
        long heartbeatAgeSeconds,
        Instant startedAt,
        Instant lastHeartbeatAt,
        Instant drainingAt,
        Instant stoppedAt,
        Instant lostAt) {
}
