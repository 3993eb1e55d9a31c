package dev.beampipe.model.ledger.state;

/**
 * {@code daliuge_state} (10-state §2.4; default {@code not_created}). Active =
 * {@code pristine|building|deploying|running}.
 */
public enum DaliugeState implements AxisValue {
    NOT_CREATED("not_created"),
    PRISTINE("pristine"),
    BUILDING("building"),
    DEPLOYING("deploying"),
    RUNNING("running"),
    FINISHED("finished"),
    CANCELLED("cancelled"),
    FAILED("failed"),
    UNKNOWN("unknown"),
    UNREACHABLE("unreachable");

    private final String wire;

    DaliugeState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean active() {
        return this == PRISTINE || this == BUILDING || this == DEPLOYING || this == RUNNING;
    }

    public static DaliugeState parse(String text) {
        return AxisValue.parse(DaliugeState.class, text, NOT_CREATED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
