package dev.beampipe.model.ledger.state;

/**
 * {@code reconcile()} applied to a current status: the aggregate to store (a {@code pending} decision never demotes
 * a non-pending status) and whether that aggregate newly entered a terminal status.
 */
public record Reconciliation(Decision decision, ExecutionStatus previousStatus, ExecutionStatus status,
                             boolean enteredTerminal) {
}
