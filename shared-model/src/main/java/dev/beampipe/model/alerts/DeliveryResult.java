package dev.beampipe.model.alerts;

/** The outcome of one delivery attempt: {@code sent}, or {@code failed} with an error free of secrets. */
public record DeliveryResult(String status, String error) {
    public static DeliveryResult sent() {
        return new DeliveryResult(AlertDeliveries.SENT, null);
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(AlertDeliveries.FAILED, error);
    }
}
