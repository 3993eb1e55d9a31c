package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.SourceSelection;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One execution row read under {@code SELECT ... FOR UPDATE}: the rule inputs plus what the transitions write from. */
public record LockedExecution(
        UUID id,
        LedgerState state,
        String projectModule,
        List<String> sourceIdentifiers,
        JsonObject profileSnapshot,
        JsonObject outputVerificationPolicy,
        JsonObject workflowManifest,
        int retryCount) {

    static final String COLUMNS = "uuid, status, execution_phase, control_phase, submission_state, scheduler_name, "
            + "scheduler_job_id, scheduler_state, daliuge_session_id, daliuge_state, output_state, "
            + "output_verification_required, terminal_outcome, workflow_manifest, submission_deadline_at, "
            + "submission_abandoned_at, project_module, sources, deployment_profile_snapshot, "
            + "output_verification_policy, retry_count";

    public static Optional<LockedExecution> lock(Sql sql, UUID id) {
        return sql.first("SELECT " + COLUMNS + " FROM batch_execution_record WHERE uuid = $1 FOR UPDATE",
                LockedExecution::from, id);
    }

    /** The pinned inventory schema (10-state §1.2 default when the policy lacks one). */
    public String inventorySchema() {
        String schema = outputVerificationPolicy == null ? null : outputVerificationPolicy.getString("inventory_schema");
        return schema == null ? "wallaby-hires-output-inventory/v1" : schema;
    }

    /** {@code slurm-remote} for a pinned Slurm profile, else {@code daliuge-deployment} (10-state §3.1). */
    public String executeCapability() {
        JsonObject deployment = profileSnapshot == null ? null : profileSnapshot.getJsonObject("deployment");
        return deployment != null && "slurm_remote".equals(deployment.getString("kind")) ? "slurm-remote" : "daliuge-deployment";
    }

    static LockedExecution from(Row r) {
        JsonObject manifest = json(r.getValue("workflow_manifest"));
        LedgerState state = new LedgerState(r.getString("status"), r.getString("execution_phase"),
                r.getString("control_phase"), r.getString("submission_state"), r.getString("scheduler_name"),
                r.getString("scheduler_job_id"), r.getString("scheduler_state"), r.getString("daliuge_session_id"),
                r.getString("daliuge_state"), r.getString("output_state"),
                Boolean.TRUE.equals(r.getBoolean("output_verification_required")), r.getString("terminal_outcome"),
                manifest != null, r.getOffsetDateTime("submission_deadline_at"), r.getOffsetDateTime("submission_abandoned_at"));
        return new LockedExecution(r.getUUID("uuid"), state, r.getString("project_module"),
                SourceSelection.identifiers(r.getValue("sources")),
                json(r.getValue("deployment_profile_snapshot")), json(r.getValue("output_verification_policy")), manifest,
                r.getInteger("retry_count"));
    }

    private static JsonObject json(Object value) {
        return value instanceof JsonObject o ? o : null;
    }
}
