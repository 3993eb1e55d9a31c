package dev.beampipe.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/v2/alert-rules} body (lenient about unknown fields). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"name", "trigger_kind", "trigger_config", "channel_ids"})
public record AlertRuleCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String name,
        String projectModule,
        String severity,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String triggerKind,
        @JsonProperty(required = true) JsonNode triggerConfig,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<UUID> channelIds,
        Integer cooldownMinutes,
        Boolean enabled) {
}
