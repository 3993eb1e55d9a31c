package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.profile.SlurmRemoteDeployment;

import java.util.UUID;

/**
 * One execution to poll: its exact job id, its pinned Slurm deployment (null with a {@code problemKind} when the
 * snapshot is missing, unreadable or not Slurm, or the job id is not digits — a non-retryable configuration poll
 * failure), the round budget of its pinned project config (else the project's active one), and the recorded
 * {@code backend_mode} ({@code dry_run} executions are observed without SSH).
 */
public record SlurmPollTarget(UUID executionId, String jobId, String sessionId, SlurmRemoteDeployment deployment,
                              String problemKind, String problem, int maxRounds, String backendMode) {
    public boolean misconfigured() {
        return problemKind != null;
    }
}
