package dev.beampipe.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code PATCH /api/v2/notification-channels/{id}} body: absent or null keeps; {@code config} is merged. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationChannelUpdate(String name, JsonNode config, Boolean enabled) {
}
