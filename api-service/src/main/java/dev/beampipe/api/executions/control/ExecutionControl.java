package dev.beampipe.api.executions.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.control.OutputVerification;
import dev.beampipe.model.ledger.control.SubmissionAbandonmentTransition;

import java.util.UUID;

/**
 * The write side of PATCH (cancel), abandonment and output verification; every refusal is a {@code ControlRejected}
 * that {@link ControlErrors} renders, and the ledger transitions roll back on it.
 */
final class ExecutionControl {
    private final ExecutionCancellation cancellation;
    private final ExternalCancel external;
    private final SubmissionAbandonmentTransition abandonment;
    private final OutputVerification verification;

    ExecutionControl(Database db, boolean realBackends) {
        this.cancellation = new ExecutionCancellation(db);
        this.external = new ExternalCancel(db, realBackends);
        this.abandonment = new SubmissionAbandonmentTransition(db);
        this.verification = new OutputVerification(db);
    }

    /**
     * Plans and, without live external work, cancels under the row lock; otherwise cancels the external work first
     * and writes the ledger only once it is confirmed (the ledger's guards re-check the identity).
     */
    void cancel(UUID id, String actor, String correlationId) {
        ExecutionCancellation.Attempt attempt = ControlErrors.run(() -> cancellation.planAndCancel(id, actor, correlationId));
        if (attempt.result() != null) {
            return;
        }
        ExecutionCancellation.Confirmation confirmation = external.cancel(id, attempt.plan());
        ControlErrors.run(() -> cancellation.cancel(id, confirmation, actor, correlationId));
    }

    void abandon(UUID id, ExecutionSubmissionAbandonRequest request, String actor, String correlationId) {
        ControlErrors.run(() -> abandonment.abandon(id, request.toRule(), actor, correlationId));
    }

    OutputVerification.Verified verify(UUID id, ExecutionOutputVerificationRequest request, String actor, String correlationId) {
        return ControlErrors.run(() -> verification.verify(id, request.toRule(), request.toJson(), actor, correlationId));
    }
}
