package dev.beampipe.api.executions.control;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ConfirmedCancellation;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.control.ExternalCancel;
import dev.beampipe.model.ledger.control.OutputVerification;
import dev.beampipe.model.ledger.control.SubmissionAbandonmentTransition;

import java.util.UUID;

/**
 * The write side of PATCH (cancel), abandonment and output verification; every refusal is a {@code ControlRejected}
 * that {@link ControlErrors} renders, and the ledger transitions roll back on it.
 */
final class ExecutionControl {
    private final ConfirmedCancellation cancellation;
    private final SubmissionAbandonmentTransition abandonment;
    private final OutputVerification verification;

    ExecutionControl(Database db, boolean realBackends) {
        this.cancellation = new ConfirmedCancellation(new ExecutionCancellation(db), new ExternalCancel(db, realBackends));
        this.abandonment = new SubmissionAbandonmentTransition(db);
        this.verification = new OutputVerification(db);
    }

    /**
     * Plans and, without live external work, cancels under the row lock; otherwise cancels the external work first
     * (shared {@link ExternalCancel}) and writes the ledger only once it is confirmed; unconfirmed is a 400.
     */
    void cancel(UUID id, String actor, String correlationId) {
        ConfirmedCancellation.Result result = ControlErrors.run(() -> cancellation.cancel(id, actor, correlationId));
        if (!result.cancelled()) {
            throw ApiErrors.badRequest("external cancellation was not confirmed: " + result.reason());
        }
    }

    void abandon(UUID id, ExecutionSubmissionAbandonRequest request, String actor, String correlationId) {
        ControlErrors.run(() -> abandonment.abandon(id, request.toRule(), actor, correlationId));
    }

    OutputVerification.Verified verify(UUID id, ExecutionOutputVerificationRequest request, String actor, String correlationId) {
        return ControlErrors.run(() -> verification.verify(id, request.toRule(), request.toJson(), actor, correlationId));
    }
}
