package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.ExecuteFlags;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.JobStatus;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starting an execution (20-api §2.4 execute, 10-state-and-jobs §3.1/§3.2): one {@code execute} job per execution
 * under the idempotency key {@code execute:{id}}, so repeated or concurrent starts with the same flags get the same
 * job and different flags a 409.
 */
@ApplicationScoped
public class ExecutionStarts {
    static final String POOL = "default";
    static final Set<JobStatus> REPLAYABLE = Set.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.COMPLETED);
    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "not_submitted");

    private final Database db;
    private final JobQueue queue;
    private final ExecutionReads reads;

    public ExecutionStarts(Database db, ExecutionReads reads) {
        this.db = db;
        this.queue = new JobQueue(db);
        this.reads = reads;
    }

    public ExecuteResponse start(UUID id, ExecuteFlags flags, String correlationId, String traceparent) {
        ExecutionRow row = reads.find(id).orElseThrow(ApiErrors::notFound);
        String key = ExecuteFlags.jobKey(id);
        Optional<Job> existing = queue.findByKey(key);
        if (existing.isPresent()) {
            Job job = existing.get();
            if (!ExecuteFlags.fromPayload(job.payload()).equals(flags)) {
                throw ApiErrors.conflict("execution was already queued with different do_stage/do_submit options");
            }
            if (REPLAYABLE.contains(job.status())) {
                return ExecuteResponse.accepted(id, job.id(), flags);
            }
        }
        if (!"pending".equals(row.status())) {
            throw ApiErrors.conflict("execution cannot be started from status '" + row.status() + "'");
        }
        Job job = db.inTransaction(sql -> {
            // the queue's rule for execute work: never for a terminal or operator-abandoned execution
            boolean startable = sql.first("SELECT status, submission_abandoned_at IS NOT NULL AS abandoned "
                            + "FROM batch_execution_record WHERE uuid = $1 FOR UPDATE",
                    r -> !TERMINAL.contains(r.getString("status")) && !r.getBoolean("abandoned"), id).orElse(false);
            if (!startable) {
                throw ApiErrors.conflict("cannot enqueue execute work for terminal or operator-abandoned execution " + id);
            }
            return queue.enqueue(sql, request(row, flags, correlationId, traceparent));
        });
        if (!ExecuteFlags.fromPayload(job.payload()).equals(flags)) {
            throw ApiErrors.conflict("a concurrent start request queued different do_stage/do_submit options");
        }
        if (!REPLAYABLE.contains(job.status())) {
            throw ApiErrors.conflict("execution start request already finished with job status '" + job.status().db()
                    + "'; use the retry endpoint before starting again");
        }
        return ExecuteResponse.accepted(id, job.id(), flags);
    }

    static EnqueueRequest request(ExecutionRow row, ExecuteFlags flags, String correlationId, String traceparent) {
        JsonObject payload = new JsonObject().put("execution_id", row.uuid().toString()).put("do_stage", flags.doStage())
                .put("do_submit", flags.doSubmit()).put("correlation_id", correlationId);
        if (traceparent != null && !traceparent.isBlank()) {
            payload.put("traceparent", traceparent);
        }
        return EnqueueRequest.of("execute", payload).inPool(POOL).requiring(capability(row))
                .withKey(ExecuteFlags.jobKey(row.uuid())).forExecution(row.uuid());
    }

    /** {@code slurm-remote} for a pinned Slurm profile, else {@code daliuge-deployment} (10-state-and-jobs §3.1). */
    static String capability(ExecutionRow row) {
        JsonNode snapshot = row.deploymentProfileSnapshot();
        String kind = snapshot == null ? null : snapshot.path("deployment").path("kind").asText(null);
        return "slurm_remote".equals(kind) ? "slurm-remote" : "daliuge-deployment";
    }
}
