package dev.beampipe.api.workers;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(requiredProperties = {"worker_id", "accepted", "recorded_at"})
public record WorkerHeartbeatResponse(UUID workerId, boolean accepted, Instant recordedAt) {
}
