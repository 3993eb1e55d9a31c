package dev.beampipe.model.ledger.state;

import java.util.Optional;

/**
 * The result of one rule of {@code reconcile()}: {@code rule} is its 1-based row in the table of 10-state §2.4;
 * {@code outcome} and {@code mismatch} may be null.
 */
public record Decision(int rule, ExecutionStatus status, TerminalOutcome outcome, NextAction nextAction,
                       Mismatch mismatch) {

    public Optional<Mismatch> mismatchIfAny() {
        return Optional.ofNullable(mismatch);
    }
}
