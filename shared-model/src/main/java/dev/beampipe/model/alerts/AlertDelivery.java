package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored {@code alert_deliveries} row; payload and error were redacted before the insert. */
public record AlertDelivery(UUID id, UUID ruleId, UUID channelId, String status, JsonNode payload, String error,
                            OffsetDateTime createdAt) {
}
