package dev.beampipe.model.ledger.state;

/**
 * A contradiction between the external layers that {@code reconcile()} reports; the state patch records it as
 * provenance {@code execution.reconciliation_mismatch} (10-state §2.4 step 5).
 */
public record Mismatch(String code, String message, boolean requiresOperator) {
}
