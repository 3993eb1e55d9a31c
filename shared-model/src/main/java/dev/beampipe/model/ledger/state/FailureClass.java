package dev.beampipe.model.ledger.state;

/** {@code failure_class} (10-state §2.4): nullable, so unknown text and NULL parse to {@code null}. */
public enum FailureClass implements AxisValue {
    VALIDATION("validation"),
    CONFIGURATION("configuration"),
    AUTHENTICATION("authentication"),
    AUTHORIZATION("authorization"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    DEPENDENCY_UNAVAILABLE("dependency_unavailable"),
    CONNECTIVITY("connectivity"),
    TIMEOUT("timeout"),
    RATE_LIMITED("rate_limited"),
    UNSUPPORTED("unsupported"),
    CANCELLED("cancelled"),
    INCONSISTENT_STATE("inconsistent_state"),
    INTERNAL("internal");

    private final String wire;

    FailureClass(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static FailureClass parse(String text) {
        return AxisValue.parse(FailureClass.class, text, null);
    }

    @Override
    public String toString() {
        return wire;
    }
}
