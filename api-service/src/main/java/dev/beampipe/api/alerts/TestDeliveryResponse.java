package dev.beampipe.api.alerts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The recorded test delivery: its id and real outcome ({@code sent}/{@code failed}), with the redacted error. */
@Schema(requiredProperties = {"delivery_id", "status"})
public record TestDeliveryResponse(UUID deliveryId, String status, String error) {
}
