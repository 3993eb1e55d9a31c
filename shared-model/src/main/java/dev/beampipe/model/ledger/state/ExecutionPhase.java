package dev.beampipe.model.ledger.state;

/** The legacy worker phase {@code execution_phase} (CHECK {@code ck_execution_phase}: NULL or one of these). */
public enum ExecutionPhase implements AxisValue {
    STAGE_AND_MANIFEST("stage_and_manifest"),
    SUBMIT("submit");

    private final String wire;

    ExecutionPhase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** NULL reads as {@code null}; any other text violates the CHECK and is an error. */
    public static ExecutionPhase parse(String text) {
        if (text == null) {
            return null;
        }
        ExecutionPhase p = AxisValue.parse(ExecutionPhase.class, text, null);
        if (p == null) {
            throw new IllegalArgumentException("unknown execution phase '" + text + "'");
        }
        return p;
    }

    @Override
    public String toString() {
        return wire;
    }
}
