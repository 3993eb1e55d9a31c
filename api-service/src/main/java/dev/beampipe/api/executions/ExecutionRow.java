package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.util.UUID;

import static dev.beampipe.api.executions.JsonColumns.instant;
import static dev.beampipe.api.executions.JsonColumns.json;

/**
 * One {@code batch_execution_record} row, the 46 columns of the reference's raw {@code ExecutionRow} (20-api §2.4,
 * §8 item 1) plus {@code project_config_version} from the pinned config. Lists return this shape, with secrets
 * inside the snapshot, the manifest and the DIM status redacted (decision 19).
 */
public record ExecutionRow(
        UUID uuid, String projectModule, JsonNode sources, String archiveName, UUID deploymentProfileId,
        Integer deploymentProfileRevision, JsonNode deploymentProfileSnapshot, UUID projectConfigId,
        String discoverySignature, JsonNode workflowManifest, String manifestSha256, String sourceGraphSha256,
        String patchedGraphSha256, String physicalGraphSha256, String executionPhase, String controlPhase,
        String submissionState, Instant submissionDeadlineAt, Instant submissionAbandonedAt, String schedulerName,
        String schedulerJobId, String schedulerState, String schedulerRawState, String schedulerReason,
        String daliugeSessionId, String daliugeManagerUrl, String daliugeState, JsonNode daliugeRawStatus,
        String outputState, boolean outputVerificationRequired, JsonNode outputVerificationPolicy,
        String remoteSessionDir, String terminalOutcome, String failureClass, JsonNode phaseTimestamps,
        Instant lastReconciledAt, String lastError, Integer createdById, String createIdempotencyKey,
        String createRequestSha256, String status, int retryCount, Instant createdAt, Instant updatedAt,
        Instant startedAt, Instant completedAt, Integer projectConfigVersion) {

    /** Select list for {@code FROM batch_execution_record e LEFT JOIN project_configs pc ON pc.uuid = e.project_config_id}. */
    public static final String SELECT = "SELECT e.*, pc.version AS project_config_version "
            + "FROM batch_execution_record e LEFT JOIN project_configs pc ON pc.uuid = e.project_config_id";

    public static ExecutionRow from(Row r) {
        return new ExecutionRow(r.getUUID("uuid"), r.getString("project_module"), json(r, "sources"),
                r.getString("archive_name"), r.getUUID("deployment_profile_id"), r.getInteger("deployment_profile_revision"),
                json(r, "deployment_profile_snapshot"), r.getUUID("project_config_id"), r.getString("discovery_signature"),
                json(r, "workflow_manifest"), r.getString("manifest_sha256"), r.getString("source_graph_sha256"),
                r.getString("patched_graph_sha256"), r.getString("physical_graph_sha256"), r.getString("execution_phase"),
                r.getString("control_phase"), r.getString("submission_state"), instant(r, "submission_deadline_at"),
                instant(r, "submission_abandoned_at"), r.getString("scheduler_name"), r.getString("scheduler_job_id"),
                r.getString("scheduler_state"), r.getString("scheduler_raw_state"), r.getString("scheduler_reason"),
                r.getString("daliuge_session_id"), r.getString("daliuge_manager_url"), r.getString("daliuge_state"),
                json(r, "daliuge_raw_status"), r.getString("output_state"),
                Boolean.TRUE.equals(r.getBoolean("output_verification_required")), json(r, "output_verification_policy"),
                r.getString("remote_session_dir"), r.getString("terminal_outcome"), r.getString("failure_class"),
                json(r, "phase_timestamps"), instant(r, "last_reconciled_at"), r.getString("last_error"),
                r.getInteger("created_by_id"), r.getString("create_idempotency_key"), r.getString("create_request_sha256"),
                r.getString("status"), r.getInteger("retry_count"), instant(r, "created_at"), instant(r, "updated_at"),
                instant(r, "started_at"), instant(r, "completed_at"), r.getInteger("project_config_version"));
    }

    /** The list shape: the raw row with secrets inside its documents redacted. */
    public ExecutionRow redacted() {
        return new ExecutionRow(uuid, projectModule, sources, archiveName, deploymentProfileId, deploymentProfileRevision,
                Redaction.value(deploymentProfileSnapshot), projectConfigId, discoverySignature,
                Redaction.value(workflowManifest), manifestSha256, sourceGraphSha256, patchedGraphSha256,
                physicalGraphSha256, executionPhase, controlPhase, submissionState, submissionDeadlineAt,
                submissionAbandonedAt, schedulerName, schedulerJobId, schedulerState, schedulerRawState,
                Redaction.string(schedulerReason), daliugeSessionId, Redaction.string(daliugeManagerUrl), daliugeState,
                Redaction.value(daliugeRawStatus), outputState, outputVerificationRequired, outputVerificationPolicy,
                remoteSessionDir, terminalOutcome, failureClass, phaseTimestamps, lastReconciledAt,
                Redaction.string(lastError), createdById, createIdempotencyKey, createRequestSha256, status, retryCount,
                createdAt, updatedAt, startedAt, completedAt, projectConfigVersion);
    }

    /** The manifest's {@code beampipe_run_record}, or null. */
    public JsonNode runRecord() {
        if (workflowManifest == null || !workflowManifest.isObject()) {
            return null;
        }
        JsonNode record = workflowManifest.get("beampipe_run_record");
        return record == null || record.isNull() ? null : record;
    }
}
