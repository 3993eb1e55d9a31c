package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.alerts.AlertRule;
import dev.beampipe.model.alerts.ChannelConfigs;
import dev.beampipe.model.alerts.TriggerKinds;

import java.util.List;
import java.util.UUID;

/**
 * Alert rule bodies to rules (20-api §2.10). Beyond the reference's trigger-kind check, the severity must be
 * info/warning/critical, trigger_config an object, cooldown non-negative and the channels must exist
 * (docs/differences.md).
 */
final class RuleRequests {
    static final String DEFAULT_SEVERITY = "warning";
    static final int DEFAULT_COOLDOWN = 60;

    private RuleRequests() {
    }

    static AlertRule fromCreate(AlertRuleCreate b) {
        AlertRule rule = new AlertRule(null, b.name(), b.projectModule(), b.enabled() == null || b.enabled(),
                b.severity() == null ? DEFAULT_SEVERITY : b.severity(), b.triggerKind(), b.triggerConfig(), b.channelIds(),
                b.cooldownMinutes() == null ? DEFAULT_COOLDOWN : b.cooldownMinutes(), null, null, null);
        validate(rule);
        return rule;
    }

    /** COALESCE semantics: absent or null keeps the stored value. */
    static AlertRule patched(AlertRule current, AlertRuleUpdate b) {
        AlertRule rule = new AlertRule(current.id(), or(b.name(), current.name()), or(b.projectModule(), current.projectModule()),
                or(b.enabled(), current.enabled()), or(b.severity(), current.severity()), or(b.triggerKind(), current.triggerKind()),
                b.triggerConfig() == null || b.triggerConfig().isNull() ? current.triggerConfig() : b.triggerConfig(),
                or(b.channelIds(), current.channelIds()), or(b.cooldownMinutes(), current.cooldownMinutes()),
                current.lastFiredAt(), current.createdAt(), current.updatedAt());
        validate(rule);
        return rule;
    }

    static void validate(AlertRule r) {
        if (r.name().isBlank() || r.name().indexOf('\0') >= 0) {
            throw ApiErrors.badRequest("name must be a non-empty string without NUL characters");
        }
        TriggerKinds.triggerProblem(r.triggerKind()).ifPresent(RuleRequests::reject);
        TriggerKinds.severityProblem(r.severity()).ifPresent(RuleRequests::reject);
        if (r.projectModule() != null && (r.projectModule().isBlank() || r.projectModule().indexOf('\0') >= 0)) {
            throw ApiErrors.badRequest("project_module must be a non-empty string without NUL characters, or null for every project");
        }
        JsonNode config = r.triggerConfig();
        if (config == null || !config.isObject()) {
            throw ApiErrors.badRequest("trigger_config must be a JSON object");
        }
        if (ChannelConfigs.containsNul(config)) {
            throw ApiErrors.badRequest("trigger_config must not contain NUL characters");
        }
        if (r.cooldownMinutes() < 0) {
            throw ApiErrors.badRequest("cooldown_minutes must not be negative");
        }
        List<UUID> channels = r.channelIds();
        if (channels.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiErrors.badRequest("channel_ids must not contain null");
        }
    }

    private static void reject(String message) {
        throw ApiErrors.badRequest(message);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
