package dev.beampipe.model.ledger;

import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileJson;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.sources.SourceRowLocks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger insert of {@code create_execution_internal} (10-state-and-jobs §5.1), run inside the caller's
 * transaction and shared by {@code POST /executions} and the scheduler's execution tick: the per-profile cap under
 * the profile's advisory lock, the combined discovery signature, the pinned config revision / profile snapshot /
 * output policy, the selected sources' pending flags and workflow claims cleared (decision 3), and
 * {@code execution.created}. An automated creation also enqueues its {@code execute} job ({@code execute:<id>})
 * and writes {@code execution.automated_admitted}; any failure rolls the whole transaction back.
 */
public final class ExecutionCreator {
    /** The in-flight statuses as stored text, for {@code status = ANY(...)} (caps count these). */
    public static String[] inFlightStatuses() {
        return ExecutionStatus.IN_FLIGHT.stream().map(ExecutionStatus::wire).sorted().toArray(String[]::new);
    }
    public static final String AUTOMATED_SCHEDULER = "workflow_auto";
    public static final String AUTOMATION_ACTOR = "system:execution_scheduler";

    private final JobQueue queue;

    public ExecutionCreator(JobQueue queue) {
        this.queue = queue;
    }

    /** Inserts the execution; returns its id. Throws {@link ProfileCapReachedException} when the profile is full. */
    public UUID create(Sql sql, NewExecution n) {
        OutputVerification policy = n.outputPolicy() == null ? OutputVerification.DEFAULT : n.outputPolicy();
        if (!OutputVerification.INVENTORY_SCHEMA_V1.equals(policy.inventorySchema())) {
            throw new IllegalArgumentException("unsupported output inventory schema '" + policy.inventorySchema() + "'");
        }
        StoredProfile profile = n.profile();
        if (profile != null) {
            checkProfileCap(sql, profile);
        }
        List<String> sids = n.sourceIdentifiers();
        // the sources' row locks in identifier order before reading their signatures and clearing their flags
        SourceRowLocks.lock(sql, n.projectModule(), sids);
        String signature = signature(sql, n.projectModule(), sids);
        JsonObject policyJson = new JsonObject().put("required", policy.required()).put("inventory_schema", policy.inventorySchema());
        JsonArray sources = sourcesJson(n.sources());
        NewExecution.Automation auto = n.automation();
        JsonObject manifest = auto == null ? null
                : new JsonObject().put("beampipe_run_record", new JsonObject().put("scheduler", auto.schedulerRecord()));
        UUID id = Uuid7.next();
        sql.update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, deployment_profile_id, "
                        + "deployment_profile_revision, deployment_profile_snapshot, project_config_id, discovery_signature, "
                        + "status, control_phase, submission_state, scheduler_state, daliuge_state, output_state, "
                        + "output_verification_required, output_verification_policy, created_by_id, create_idempotency_key, "
                        + "create_request_sha256, scheduler_name, workflow_manifest, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        + "$8, $9, 'pending', 'discovered', 'not_started', 'not_submitted', 'not_created', $10, $11, $12, $13, $14, "
                        + "$15, $16, $17, now())",
                id, n.projectModule(), sources, n.archiveName(), profile == null ? null : profile.id(),
                profile == null ? null : profile.revision(), profile == null ? null : snapshot(profile),
                n.configRevisionId(), signature, policy.required() ? "pending" : "not_started", policy.required(), policyJson,
                n.createdById(), n.idempotencyKey(), n.idempotencyKey() == null ? null : n.requestHash(),
                auto == null ? null : AUTOMATED_SCHEDULER, manifest);
        sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL, "
                        + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                        + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])",
                n.projectModule(), sids.toArray(String[]::new));
        sql.update("INSERT INTO provenance_events (id, event_type, project_module, execution_id, actor, correlation_id, payload) "
                        + "VALUES ($1, 'execution.created', $2, $3, $4, $5, $6)", Uuid7.next(), n.projectModule(), id,
                n.automation() == null ? "system:api" : AUTOMATION_ACTOR, n.correlationId(),
                new JsonObject().put("archive_name", n.archiveName()).put("sources", sources)
                        .put("output_verification_required", policy.required()).put("output_verification_policy", policyJson));
        if (auto != null) {
            enqueueExecute(sql, n, id, auto);
        }
        return id;
    }

    private void enqueueExecute(Sql sql, NewExecution n, UUID id, NewExecution.Automation auto) {
        String capability = capability(n.profile());
        JsonObject payload = auto.jobPayload() == null ? new JsonObject() : auto.jobPayload().copy();
        payload.put("execution_id", id.toString());
        Job job = queue.enqueue(sql, EnqueueRequest.of("execute", payload).inPool(auto.pool()).requiring(capability)
                .withKey(ExecuteFlags.jobKey(id)).forExecution(id));
        sql.update("INSERT INTO provenance_events (id, event_type, project_module, execution_id, source_identifier, actor, "
                        + "correlation_id, payload) VALUES ($1, 'execution.automated_admitted', $2, $3, $4, $5, $6, $7)",
                Uuid7.next(), n.projectModule(), id, n.sourceIdentifiers().get(0), AUTOMATION_ACTOR, n.correlationId(),
                new JsonObject().put("job_id", job.id().toString()).put("required_capability", capability));
    }

    /** {@code slurm-remote} for a Slurm profile, else {@code daliuge-deployment} (10-state-and-jobs §3.1). */
    public static String capability(StoredProfile profile) {
        return profile != null && "slurm_remote".equals(profile.profile().deployment().kind()) ? "slurm-remote"
                : "daliuge-deployment";
    }

    private static void checkProfileCap(Sql sql, StoredProfile profile) {
        Long limit = profile.profile().maxConcurrentExecutions();
        if (limit == null) {
            return;
        }
        sql.advisoryXactLock("beampipe:profile-admission:" + profile.id());
        long inFlight = sql.count("SELECT count(*) FROM batch_execution_record WHERE deployment_profile_id = $1 "
                + "AND status = ANY($2::text[])", profile.id(), inFlightStatuses());
        if (inFlight >= limit) {
            throw new ProfileCapReachedException(profile.profile().name(), inFlight, limit);
        }
    }

    private static String signature(Sql sql, String module, List<String> sids) {
        Map<String, String> signatures = new LinkedHashMap<>();
        sql.list("SELECT source_identifier, discovery_signature FROM source_registry WHERE project_module = $1 "
                        + "AND source_identifier = ANY($2::text[])", row -> row, module, sids.toArray(String[]::new))
                .forEach(row -> signatures.put(row.getString("source_identifier"), row.getString("discovery_signature")));
        return ExecutionSignature.combined(signatures).orElse(null);
    }

    public static JsonArray sourcesJson(List<SourceSelection> selections) {
        JsonArray out = new JsonArray();
        for (SourceSelection s : selections) {
            JsonObject o = new JsonObject().put("source_identifier", s.sourceIdentifier());
            if (s.sbids() != null) {
                o.put("sbids", new JsonArray(s.sbids()));
            }
            out.add(o);
        }
        return out;
    }

    /** The frozen profile the workers read (10-state-and-jobs §1.3): not redacted, secrets are references only. */
    public static JsonObject snapshot(StoredProfile s) {
        DeploymentProfile p = s.profile();
        return new JsonObject().put("id", s.id().toString()).put("name", p.name()).put("description", p.description())
                .put("project_module", p.projectModule()).put("is_default", p.isDefault())
                .put("max_concurrent_executions", p.maxConcurrentExecutions()).put("revision", s.revision())
                .put("spec_sha256", s.specSha256())
                .put("translation", new JsonObject(ProfileJson.translation(p.translation()).toString()))
                .put("deployment", new JsonObject(ProfileJson.deployment(p.deployment()).toString()));
    }
}
