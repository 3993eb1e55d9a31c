package dev.beampipe.model.ledger.state;

/** What {@code reconcile()} says should happen next for an execution (10-state §2.4). */
public enum NextAction implements AxisValue {
    NONE("none"),
    POLL_SCHEDULER("poll_scheduler"),
    POLL_DALIUGE("poll_daliuge"),
    OPERATOR_REVIEW("operator_review"),
    VERIFY_OUTPUTS("verify_outputs"),
    WAIT("wait");

    private final String wire;

    NextAction(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
