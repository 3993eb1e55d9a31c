package dev.beampipe.api.scheduler;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A Slurm execution as the scheduler view shows it; {@code submitted_at} is the execution's creation time. */
@Schema(requiredProperties = {"execution_id", "project_module", "execution_status", "submitted_at"})
public record SchedulerJobRead(UUID executionId, String projectModule, String executionStatus, String schedulerJobId,
                               String schedulerState, String schedulerRawState, String schedulerReason,
                               String daliugeSessionId, String remoteSessionDir, Instant submittedAt,
                               Instant lastReconciledAt) {
}
