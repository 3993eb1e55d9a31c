package dev.beampipe.model.ledger.state;

/** {@code output_state} (10-state §2.4; default {@code not_started}). */
public enum OutputState implements AxisValue {
    NOT_STARTED("not_started"),
    PENDING("pending"),
    VERIFYING("verifying"),
    VERIFIED("verified"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String wire;

    OutputState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static OutputState parse(String text) {
        return AxisValue.parse(OutputState.class, text, NOT_STARTED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
