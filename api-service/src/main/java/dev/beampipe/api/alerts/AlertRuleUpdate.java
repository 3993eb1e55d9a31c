package dev.beampipe.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

/** {@code PATCH /api/v2/alert-rules/{id}} body: every field optional, absent or null keeps the stored value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRuleUpdate(String name, String projectModule, String severity, String triggerKind, JsonNode triggerConfig,
                              List<UUID> channelIds, Integer cooldownMinutes, Boolean enabled) {
}
