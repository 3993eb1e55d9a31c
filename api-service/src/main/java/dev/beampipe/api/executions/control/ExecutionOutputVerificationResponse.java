package dev.beampipe.api.executions.control;

import dev.beampipe.api.executions.ExecutionArtifactRow;
import dev.beampipe.api.executions.ExecutionRead;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 200 body of {@code POST /executions/{id}/outputs/verify}. */
@Schema(name = "ExecutionOutputVerificationResponse", requiredProperties = {"execution", "artifact"})
public record ExecutionOutputVerificationResponse(ExecutionRead execution, ExecutionArtifactRow artifact) {
}
