package dev.beampipe.model.ledger.state;

/** The ledger patch's tri-state {@code execution_phase}: keep it, set it, or set it to NULL. */
public record PhaseChange(boolean present, ExecutionPhase value) {
    public static final PhaseChange KEEP = new PhaseChange(false, null);
    public static final PhaseChange CLEAR = new PhaseChange(true, null);

    public PhaseChange {
        if (!present && value != null) {
            throw new IllegalArgumentException("a kept phase carries no value");
        }
    }

    public static PhaseChange set(ExecutionPhase phase) {
        return phase == null ? CLEAR : new PhaseChange(true, phase);
    }

    ExecutionPhase applyTo(ExecutionPhase current) {
        return present ? value : current;
    }
}
