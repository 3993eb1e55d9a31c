package dev.beampipe.worker.execute;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the execute job reads of its execution before deciding anything: status and submission state (the guards),
 * the pinned selection, archive, config revision and profile, the creation time (the session id) and the stored
 * manifest (a submit replay). Every write re-checks under the row lock.
 */
public record ExecutionFacts(UUID id, String projectModule, String status, String submissionState, String executionPhase,
                             JsonArray sources, String archiveName, UUID projectConfigId, UUID deploymentProfileId,
                             JsonObject profileSnapshot, String discoverySignature, Instant createdAt,
                             JsonObject workflowManifest, String manifestSha256) {

    public static Optional<ExecutionFacts> read(Sql sql, UUID id) {
        return sql.first("SELECT uuid, project_module, status, submission_state, execution_phase, sources, archive_name, "
                        + "project_config_id, deployment_profile_id, deployment_profile_snapshot, discovery_signature, "
                        + "created_at, workflow_manifest, manifest_sha256 FROM batch_execution_record WHERE uuid = $1",
                r -> new ExecutionFacts(r.getUUID("uuid"), r.getString("project_module"), r.getString("status"),
                        r.getString("submission_state"), r.getString("execution_phase"), array(r.getValue("sources")),
                        r.getString("archive_name"), r.getUUID("project_config_id"), r.getUUID("deployment_profile_id"),
                        object(r.getValue("deployment_profile_snapshot")), r.getString("discovery_signature"),
                        r.getOffsetDateTime("created_at").toInstant(), object(r.getValue("workflow_manifest")),
                        r.getString("manifest_sha256")),
                id);
    }

    public boolean terminal() {
        return ExecutionStatus.parse(status).terminal();
    }

    /** {@code in_flight}, {@code uncertain} or {@code submitted}: automatic work is held (10-state §2.5). */
    public boolean submissionHeld() {
        return "in_flight".equals(submissionState) || "uncertain".equals(submissionState)
                || "submitted".equals(submissionState);
    }

    private static JsonArray array(Object value) {
        return value instanceof JsonArray a ? a : new JsonArray();
    }

    private static JsonObject object(Object value) {
        return value instanceof JsonObject o ? o : null;
    }

}
