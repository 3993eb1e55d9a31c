package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored {@code alert_rules} row. {@code projectModule} null means every project. */
public record AlertRule(UUID id, String name, String projectModule, boolean enabled, String severity, String triggerKind,
                        JsonNode triggerConfig, List<UUID> channelIds, int cooldownMinutes, OffsetDateTime lastFiredAt,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
