package dev.beampipe.model.ledger.state;

/** {@code terminal_outcome} (10-state §2.4): nullable, so unknown text and NULL parse to {@code null}. */
public enum TerminalOutcome implements AxisValue {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    INCONSISTENT("inconsistent");

    private final String wire;

    TerminalOutcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static TerminalOutcome parse(String text) {
        return AxisValue.parse(TerminalOutcome.class, text, null);
    }

    @Override
    public String toString() {
        return wire;
    }
}
