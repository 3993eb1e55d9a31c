package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.alerts.AlertRule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A rule as the reference returns it. */
@Schema(requiredProperties = {"uuid", "name", "enabled", "severity", "trigger_kind", "trigger_config", "channel_ids",
        "cooldown_minutes", "created_at"})
public record AlertRuleRow(UUID uuid, String name, String projectModule, boolean enabled, String severity, String triggerKind,
                           JsonNode triggerConfig, List<UUID> channelIds, int cooldownMinutes, Instant lastFiredAt,
                           Instant createdAt, Instant updatedAt) {

    static AlertRuleRow of(AlertRule r) {
        return new AlertRuleRow(r.id(), r.name(), r.projectModule(), r.enabled(), r.severity(), r.triggerKind(), r.triggerConfig(),
                r.channelIds(), r.cooldownMinutes(), instant(r.lastFiredAt()), instant(r.createdAt()), instant(r.updatedAt()));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
