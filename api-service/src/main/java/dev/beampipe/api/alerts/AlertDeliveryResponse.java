package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.alerts.AlertDelivery;
import dev.beampipe.model.secrets.Redaction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One delivery; payload and error were redacted when stored and are redacted again on the way out. */
@Schema(requiredProperties = {"uuid", "status", "payload", "created_at"})
public record AlertDeliveryResponse(UUID uuid, UUID ruleId, UUID channelId, String status, JsonNode payload, String error,
                                    Instant createdAt) {

    static AlertDeliveryResponse of(AlertDelivery d) {
        return new AlertDeliveryResponse(d.id(), d.ruleId(), d.channelId(), d.status(), Redaction.value(d.payload()),
                Redaction.string(d.error()), AlertRuleRow.instant(d.createdAt()));
    }
}
