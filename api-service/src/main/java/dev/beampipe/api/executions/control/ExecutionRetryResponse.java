package dev.beampipe.api.executions.control;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** 202 body of {@code POST /executions/{id}/retry}. */
@Schema(requiredProperties = {"status", "execution_id", "job_id", "retry_count", "stage", "do_stage", "do_submit"})
public record ExecutionRetryResponse(
        String status,
        UUID executionId,
        UUID jobId,
        int retryCount,
        @Schema(enumeration = {"stage_and_manifest", "submit"}) String stage,
        boolean doStage,
        boolean doSubmit) {
}
