package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.alerts.ChannelConfigs;
import dev.beampipe.model.alerts.NotificationChannel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A channel as the API shows it: config redacted (a webhook url included), with its secret and configured fields. */
@Schema(requiredProperties = {"uuid", "name", "kind", "config", "secret_fields", "configured_fields", "enabled", "created_at"})
public record NotificationChannelResponse(UUID uuid, String name, String kind, JsonNode config, List<String> secretFields,
                                          List<String> configuredFields, boolean enabled, Instant createdAt, Instant updatedAt) {

    static NotificationChannelResponse of(NotificationChannel c) {
        return new NotificationChannelResponse(c.id(), c.name(), c.kind(), ChannelConfigs.redacted(c.kind(), c.config()),
                ChannelConfigs.secretFields(c.kind(), c.config()), ChannelConfigs.configuredFields(c.config()), c.enabled(),
                c.createdAt().toInstant(), c.updatedAt() == null ? null : c.updatedAt().toInstant());
    }
}
