package dev.beampipe.model.ledger.control;

import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.RetryPolicy;
import dev.beampipe.model.sources.SourceRowLocks;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The operator retry (10-state §2.9), one transaction under the execution's row lock: plan, refuse while an execute
 * job is active or a source is claimed by admission, reset the external axes, enqueue {@code execute:{id}:retry:{n}}
 * and record {@code execution.retry_requested}.
 */
public final class ExecutionRetry {
    private final Database db;
    private final JobQueue queue;

    public ExecutionRetry(Database db) {
        this.db = db;
        this.queue = new JobQueue(db);
    }

    public record Result(UUID executionId, UUID jobId, int retryCount, RetryPlanner.Plan plan) {
    }

    public Result retry(UUID id, String reason, String actor, String correlationId) {
        return db.inTransaction(sql -> retry(sql, id, reason, actor, correlationId));
    }

    Result retry(Sql sql, UUID id, String rawReason, String actor, String correlationId) {
        LockedExecution ex = LockedExecution.lock(sql, id).orElseThrow(() -> ControlFailure.notFound().rejected());
        RetryPlanner.Plan plan = RetryPlanner.plan(ex.state(), rawReason);
        if (sql.count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND kind = 'execute' "
                + "AND status IN ('queued', 'running')", id) > 0) {
            throw ControlFailure.retryRejected("execution_job_active",
                    "an execute job of this execution is still queued or running").rejected();
        }
        long claimed = SourceRowLocks.lock(sql, ex.projectModule(), ex.sourceIdentifiers(), "workflow_claim_token").stream()
                .filter(r -> r.getString(1) != null).count();
        if (claimed > 0) {
            throw ControlFailure.retryRejected("source_admission_claimed",
                    "a selected source is claimed by execution admission; retry after the claim is released").rejected();
        }
        sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_claim_token = NULL, "
                        + "workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                        + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])",
                ex.projectModule(), ex.sourceIdentifiers().toArray(String[]::new));
        JsonObject previous = sql.first("SELECT pool, required_labels, priority FROM jobs WHERE execution_id = $1 "
                        + "AND kind = 'execute' ORDER BY created_at DESC, uuid DESC LIMIT 1",
                r -> new JsonObject().put("pool", r.getString(0)).put("labels", r.getValue(1)).put("priority", r.getInteger(2)),
                id).orElseGet(JsonObject::new);
        int n = ex.retryCount() + 1;
        sql.update("UPDATE batch_execution_record SET status = 'retrying', retry_count = $2, execution_phase = $3, "
                + "control_phase = $4, submission_state = 'not_started', scheduler_name = NULL, scheduler_job_id = NULL, "
                + "scheduler_raw_state = NULL, scheduler_reason = NULL, scheduler_state = 'not_submitted', "
                + "daliuge_session_id = NULL, daliuge_manager_url = NULL, daliuge_raw_status = NULL, "
                + "daliuge_state = 'not_created', remote_session_dir = NULL, "
                + "output_state = CASE WHEN output_verification_required THEN 'pending' ELSE 'not_started' END, "
                + "terminal_outcome = NULL, failure_class = NULL, last_error = NULL, last_reconciled_at = NULL, "
                + "completed_at = NULL, phase_timestamps = phase_timestamps || jsonb_build_object($5::text, now()), "
                + "updated_at = now() WHERE uuid = $1", id, n, plan.stage(), plan.controlPhase(), "retry_" + n);
        String correlation = correlationId == null ? id.toString() : correlationId;
        JsonObject payload = new JsonObject().put("execution_id", id.toString()).put("do_stage", plan.doStage())
                .put("do_submit", plan.doSubmit()).put("retry_count", n).put("recovery_reason", plan.reason())
                .put("correlation_id", correlation);
        Object labels = previous.getValue("labels");
        EnqueueRequest request = EnqueueRequest.of("execute", payload)
                .inPool(previous.getString("pool"))
                .withLabels(labels instanceof JsonObject o ? o : new JsonObject())
                .withPriority(previous.getInteger("priority", 0))
                .withMaxAttempts(RetryPolicy.DEFAULT_MAX_ATTEMPTS)
                .requiring(ex.executeCapability())
                .withKey("execute:" + id + ":retry:" + n)
                .forExecution(id);
        Job job = queue.enqueue(sql, request);
        LedgerRecords.provenance(sql, "execution.retry_requested", ex.projectModule(), id, actor, correlation,
                new JsonObject().put("retry_count", n).put("stage", plan.stage()).put("reason", plan.reason())
                        .put("job_id", job.id().toString())
                        .put("system_action", "resume only the last safe Beampipe stage"));
        return new Result(id, job.id(), n, plan);
    }
}
