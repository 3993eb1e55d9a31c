package dev.beampipe.model.ledger.state;

/**
 * A write the ledger rules refuse; nothing is changed. {@code code} is stable for callers
 * ({@code invalid_status_transition}, {@code required_output_completion_unverified}).
 */
public final class LedgerRuleViolation extends RuntimeException {
    private final String code;

    LedgerRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static LedgerRuleViolation invalidTransition(ExecutionStatus from, ExecutionStatus to) {
        return new LedgerRuleViolation("invalid_status_transition",
                "invalid status transition from " + from.wire() + " to " + to.wire());
    }
}
