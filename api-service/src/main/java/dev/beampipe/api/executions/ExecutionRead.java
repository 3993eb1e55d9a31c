package dev.beampipe.api.executions;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;

import java.time.Instant;
import java.util.UUID;

/** The curated, redacted execution view of {@code GET /executions/{id}} (20-api §2.4), fields in the reference's order. */
public record ExecutionRead(
        UUID uuid, String projectModule, String archiveName, JsonNode sources, String status, String executionPhase,
        String schedulerName, String schedulerJobId, String daliugeSessionId, String remoteSessionDir,
        String controlPhase, String submissionState, Instant submissionDeadlineAt, Instant submissionAbandonedAt,
        String schedulerState, String schedulerRawState, String schedulerReason, String daliugeState,
        String outputState, boolean outputVerificationRequired, JsonNode outputVerificationPolicy,
        String terminalOutcome, String failureClass, String discoverySignature, String manifestSha256,
        String sourceGraphSha256, String patchedGraphSha256, String physicalGraphSha256, JsonNode phaseTimestamps,
        Instant lastReconciledAt, JsonNode workflowManifest, JsonNode beampipeRunRecord, String lastError,
        int retryCount, Instant startedAt, Instant completedAt, Instant createdAt, Integer createdById,
        UUID deploymentProfileId, Integer deploymentProfileRevision, UUID projectConfigId,
        Integer projectConfigVersion, @JsonUnwrapped ExecutionDebugUrls debugUrls) {

    public static ExecutionRead of(ExecutionRow r) {
        return new ExecutionRead(r.uuid(), r.projectModule(), r.archiveName(), r.sources(), r.status(), r.executionPhase(),
                r.schedulerName(), r.schedulerJobId(), r.daliugeSessionId(), r.remoteSessionDir(), r.controlPhase(),
                r.submissionState(), r.submissionDeadlineAt(), r.submissionAbandonedAt(), r.schedulerState(),
                r.schedulerRawState(), Redaction.string(r.schedulerReason()), r.daliugeState(), r.outputState(),
                r.outputVerificationRequired(), r.outputVerificationPolicy(), r.terminalOutcome(), r.failureClass(),
                r.discoverySignature(), r.manifestSha256(), r.sourceGraphSha256(), r.patchedGraphSha256(),
                r.physicalGraphSha256(), r.phaseTimestamps(), r.lastReconciledAt(), Redaction.value(r.workflowManifest()),
                Redaction.value(r.runRecord()), Redaction.string(r.lastError()), r.retryCount(), r.startedAt(),
                r.completedAt(), r.createdAt(), r.createdById(), r.deploymentProfileId(), r.deploymentProfileRevision(),
                r.projectConfigId(), r.projectConfigVersion(), ExecutionDebugUrls.of(r));
    }
}
