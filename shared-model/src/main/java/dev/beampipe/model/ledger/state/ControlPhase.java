package dev.beampipe.model.ledger.state;

/**
 * {@code control_phase} (10-state §2.4; default {@code discovered}). Code writes only {@code discovered},
 * {@code admitted}, {@code graph_patched}, {@code submission_pending}, {@code submitted}, {@code monitoring},
 * {@code output_verification} and {@code terminal}; the other three are reserved.
 */
public enum ControlPhase implements AxisValue {
    DISCOVERED("discovered"),
    ADMISSION_PENDING("admission_pending"),
    ADMITTED("admitted"),
    MANIFEST_GENERATED("manifest_generated"),
    GRAPH_PATCHED("graph_patched"),
    TRANSLATED("translated"),
    SUBMISSION_PENDING("submission_pending"),
    SUBMITTED("submitted"),
    MONITORING("monitoring"),
    OUTPUT_VERIFICATION("output_verification"),
    TERMINAL("terminal");

    private final String wire;

    ControlPhase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static ControlPhase parse(String text) {
        return AxisValue.parse(ControlPhase.class, text, DISCOVERED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
