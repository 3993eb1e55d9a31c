package dev.beampipe.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v2/notification-channels} body; lenient about unknown fields like the reference's type. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"name", "kind", "config"})
public record NotificationChannelCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String name,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String kind,
        @JsonProperty(required = true) JsonNode config,
        Boolean enabled) {
}
