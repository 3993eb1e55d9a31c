package dev.beampipe.model.ledger.control;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * An operator's cancel of an execution (10-state §2.8): plan under the row lock — with no live external work the
 * ledger is cancelled in that same transaction —, else cancel the external work through {@link ExternalCancel} and
 * write the ledger only once the backend confirmed (the ledger's guards re-check the identity). Refusals are
 * {@link ControlRejected}; an unconfirmed backend cancel is a {@link Result} with {@code cancelled=false}.
 */
public final class ConfirmedCancellation {
    private final ExecutionCancellation cancellation;
    private final ExternalCancel external;

    public ConfirmedCancellation(ExecutionCancellation cancellation, ExternalCancel external) {
        this.cancellation = cancellation;
        this.external = external;
    }

    /**
     * @param backend {@code daliuge}, {@code slurm} or null (no live external work)
     * @param reason why the backend did not confirm (null when cancelled)
     */
    public record Result(UUID executionId, boolean cancelled, String backend, String externalId, boolean dryRun,
                         String reason, Integer invalidatedExecuteJobs) {
        /** The CLI's cancel result. */
        public JsonObject toJson() {
            return new JsonObject().put("execution_id", executionId.toString()).put("cancelled", cancelled)
                    .put("status", cancelled ? "cancelled" : "not_confirmed")
                    .put("external_cancellation", backend != null).put("backend", backend).put("external_id", externalId)
                    .put("dry_run", dryRun).put("reason", reason).put("invalidated_execute_jobs", invalidatedExecuteJobs);
        }
    }

    public Result cancel(UUID id, String actor, String correlationId) {
        ExecutionCancellation.Attempt attempt = cancellation.planAndCancel(id, actor, correlationId);
        if (attempt.result() != null) {
            return new Result(id, true, null, null, false, null, attempt.result().invalidatedExecuteJobs());
        }
        CancellationRules.Plan plan = attempt.plan();
        String backend = plan.backend() == CancellationRules.Backend.SLURM ? "slurm" : "daliuge";
        ExternalCancel.Outcome outcome = external.cancel(id, plan);
        if (!outcome.confirmed()) {
            return new Result(id, false, backend, plan.externalId(), false, outcome.reason(), null);
        }
        ExecutionCancellation.Result written = cancellation.cancel(id, outcome.confirmation(), actor, correlationId);
        return new Result(id, true, backend, plan.externalId(), outcome.confirmation().dryRun(), null,
                written.invalidatedExecuteJobs());
    }
}
