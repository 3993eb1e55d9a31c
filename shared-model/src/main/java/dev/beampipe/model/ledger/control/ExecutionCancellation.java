package dev.beampipe.model.ledger.control;

import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.UUID;

/**
 * The ledger's cancellation (10-state §2.8), one transaction: a conditional update guarded by status, external
 * identity and submission state; the execution's queued/running execute jobs fenced to {@code cancelled}; the
 * confirmation observation; {@code execution.cancelled}. A dry-run confirmation also stores what would have been
 * sent to the backend as a {@code cancellation_request} artifact (decision 14).
 */
public final class ExecutionCancellation {
    private final Database db;

    public ExecutionCancellation(Database db) {
        this.db = db;
    }

    /**
     * A backend's confirmation that the external work is cancelled. {@code request} describes the call; with
     * {@code dryRun} nothing left the process and the request is stored as the artifact.
     */
    public record Confirmation(CancellationRules.Backend backend, String externalId, boolean dryRun, JsonObject request) {
        public Confirmation {
            if (backend == CancellationRules.Backend.SLURM && !LedgerState.exactSlurmJobId(externalId)) {
                throw new IllegalArgumentException("a confirmed Slurm job id must be ASCII digits");
            }
            if (backend == CancellationRules.Backend.DALIUGE && (externalId == null || externalId.isBlank())) {
                throw new IllegalArgumentException("a confirmed DALiuGE session id must not be blank");
            }
        }

        String backendName() {
            return backend == CancellationRules.Backend.SLURM ? "slurm" : "daliuge";
        }
    }

    public record Result(UUID executionId, int invalidatedExecuteJobs) {
    }

    /** {@code result == null} when external work must be cancelled first (then call {@link #cancel} with its confirmation). */
    public record Attempt(CancellationRules.Plan plan, Result result) {
    }

    /**
     * The API's first step under the row lock: apply {@link CancellationRules}; with no live external work the ledger is
     * cancelled in the same transaction, so concurrent requests see one consistent outcome.
     */
    public Attempt planAndCancel(UUID id, String actor, String correlationId) {
        return db.inTransaction(sql -> {
            LockedExecution ex = LockedExecution.lock(sql, id).orElseThrow(() -> ControlFailure.notFound().rejected());
            CancellationRules.Plan plan = CancellationRules.plan(ex.state());
            return new Attempt(plan, plan.external() ? null : cancel(sql, id, null, actor, correlationId));
        });
    }

    public Result cancel(UUID id, Confirmation confirmation, String actor, String correlationId) {
        return db.inTransaction(sql -> cancel(sql, id, confirmation, actor, correlationId));
    }

    public Result cancel(Sql sql, UUID id, Confirmation c, String actor, String correlationId) {
        String backend = c == null ? null : c.backendName();
        String external = c == null ? null : c.externalId();
        // a DIM poll may observe the session CANCELLED and cancel the row while the backend cancel is being confirmed:
        // the ledger is then written again (idempotently) but the cancellation is not recorded a second time
        boolean alreadyCancelled = sql.first("SELECT status FROM batch_execution_record WHERE uuid = $1 FOR UPDATE",
                r -> "cancelled".equals(r.getString(0)), id).orElse(false);
        Row row = sql.first("UPDATE batch_execution_record SET status = 'cancelled', execution_phase = NULL, "
                + "control_phase = 'terminal', terminal_outcome = 'cancelled', "
                + "scheduler_state = CASE WHEN $2::text = 'slurm' THEN 'cancelled' ELSE scheduler_state END, "
                + "scheduler_raw_state = CASE WHEN $2::text = 'slurm' THEN 'CANCELLED_CONFIRMED' ELSE scheduler_raw_state END, "
                + "scheduler_reason = CASE WHEN $2::text = 'slurm' THEN 'external cancellation confirmed' ELSE scheduler_reason END, "
                + "daliuge_state = CASE WHEN $2::text = 'daliuge' THEN 'cancelled' ELSE daliuge_state END, "
                + "daliuge_raw_status = CASE WHEN $2::text = 'daliuge' THEN "
                + "'{\"state\":\"cancelled\",\"confirmation\":\"external cancellation confirmed\"}'::jsonb "
                + "ELSE daliuge_raw_status END, "
                + "last_error = NULL, failure_class = NULL, "
                + "phase_timestamps = CASE WHEN phase_timestamps ? 'terminal' THEN phase_timestamps "
                + "ELSE phase_timestamps || jsonb_build_object('terminal', now()) END, "
                + "completed_at = COALESCE(completed_at, now()), updated_at = now() "
                + "WHERE uuid = $1 AND status IN ('pending', 'running', 'awaiting_scheduler', 'retrying', 'cancelled') "
                + "AND ($2::text IS NULL "
                + "  OR ($2::text = 'slurm' AND scheduler_name = 'slurm' AND scheduler_job_id = $3::text) "
                + "  OR ($2::text = 'daliuge' AND scheduler_name = 'daliuge' AND daliuge_session_id = $3::text)) "
                + "AND (COALESCE(submission_state, 'not_started') NOT IN ('in_flight', 'uncertain') "
                + "  OR ($2::text = 'slurm' AND submission_state = 'uncertain' AND scheduler_job_id ~ '^[0-9]+$' "
                + "      AND scheduler_job_id = $3::text)) "
                + "RETURNING project_module, scheduler_job_id, daliuge_session_id", r -> r, id, backend, external)
                .orElseThrow(() -> refusal(sql, id));
        List<UUID> fenced = sql.list("UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_token = NULL, "
                + "lease_expires_at = NULL, locked_until = NULL, heartbeat_at = NULL, last_error = NULL, "
                + "failure_class = NULL, updated_at = now() "
                + "WHERE execution_id = $1 AND kind = 'execute' AND status IN ('queued', 'running') RETURNING uuid",
                r -> r.getUUID(0), id);
        if (c != null) {
            JsonObject payload = new JsonObject().put("confirmed_external_id", external).put("dry_run", c.dryRun());
            if (c.backend() == CancellationRules.Backend.SLURM) {
                LedgerRecords.observation(sql, id, "scheduler", "cancelled", "CANCELLED_CONFIRMED",
                        "external cancellation confirmed", payload, null);
            } else {
                LedgerRecords.observation(sql, id, "daliuge_session", "cancelled", "cancelled_confirmed",
                        "external cancellation confirmed", payload, null);
            }
            if (c.dryRun() && c.request() != null) {
                LedgerRecords.inlineArtifact(sql, id, "cancellation_request", "cancellation_requested",
                        c.request().copy().put("dry_run", true), new JsonObject().put("backend", backend).put("dry_run", true));
            }
        }
        JsonObject event = new JsonObject()
                .put("scheduler_job_id", row.getString("scheduler_job_id"))
                .put("daliuge_session_id", row.getString("daliuge_session_id"))
                .put("external_cancellation_confirmed", c != null)
                .put("confirmed_backend", backend)
                .put("confirmed_external_id", external)
                .put("confirmed_exact_external_id", external)
                .put("invalidated_execute_jobs", fenced.size())
                .put("invalidated_execute_job_ids", new JsonArray(fenced.stream().map(UUID::toString).toList()))
                .put("dry_run", c != null && c.dryRun());
        if (!alreadyCancelled) {
            LedgerRecords.provenance(sql, "execution.cancelled", row.getString("project_module"), id, actor, correlationId, event);
        }
        return new Result(id, fenced.size());
    }

    private static ControlRejected refusal(Sql sql, UUID id) {
        return sql.first("SELECT status, COALESCE(submission_state, 'not_started') FROM batch_execution_record WHERE uuid = $1",
                r -> {
                    String submission = r.getString(1);
                    if ("in_flight".equals(submission) || "uncertain".equals(submission)) {
                        return ControlFailure.conflict("execution cannot be cancelled while submission outcome is '"
                                + submission + "'").rejected();
                    }
                    return ControlFailure.conflict("execution cannot be cancelled from terminal status '"
                            + r.getString(0) + "'").rejected();
                }, id).orElseGet(() -> ControlFailure.notFound().rejected());
    }
}
