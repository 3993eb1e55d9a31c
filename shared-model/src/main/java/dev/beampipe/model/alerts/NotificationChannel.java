package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored {@code notification_channels} row; {@code config} is unredacted (it may hold secrets). */
public record NotificationChannel(UUID id, String name, String kind, JsonNode config, boolean enabled,
                                  OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public NotificationChannel with(String newName, JsonNode newConfig, boolean newEnabled) {
        return new NotificationChannel(id, newName, kind, newConfig, newEnabled, createdAt, updatedAt);
    }
}
