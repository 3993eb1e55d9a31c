package dev.beampipe.model.ledger.submission;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A backend's submission receipt ({@code record_submission_receipt}, 10-state §5.5, 40-backends §6.5, §7.3).
 *
 * @param physicalGraph   the physical graph as JSON ({@code JsonArray} for REST — the normalized mapped drops — and
 *                        Slurm — {@code [name, pgt]}; a {@code JsonObject} is accepted too)
 * @param dimDeploy       DALiuGE only: what the deploy merges into {@code beampipe_run_record.dim} (40-backends §3.8),
 *                        merged inside the locked transaction (decision 3); null leaves the run record's {@code dim} alone
 * @param dimPoll         when set (dry-run mode), the first {@code dim_poll} job {@code dim_poll:{id}:0} is enqueued in
 *                        the receipt transaction (40-backends §7.1); DALiuGE only
 * @param correlationId   null means the execution id
 */
public record Receipt(UUID executionId, String schedulerName, String schedulerJobId, String daliugeSessionId,
                      String remoteSessionDir, String stagingRoot, JsonObject workflowManifest, Object physicalGraph,
                      DimDeploy dimDeploy, DimPoll dimPoll, String correlationId) {

    /** A REST (DALiuGE DIM) receipt. */
    public static Receipt daliuge(UUID executionId, String sessionId, JsonObject manifest, Object physicalGraph,
                                  DimDeploy deploy, DimPoll poll, String correlationId) {
        return new Receipt(executionId, "daliuge", null, sessionId, null, null, manifest, physicalGraph, deploy, poll,
                correlationId);
    }

    /** A Slurm receipt: the exact job id, the session directory and its staging root. */
    public static Receipt slurm(UUID executionId, String jobId, String sessionId, String sessionDir, String stagingRoot,
                                JsonObject manifest, Object physicalGraph, String correlationId) {
        return new Receipt(executionId, "slurm", jobId, sessionId, sessionDir, stagingRoot, manifest, physicalGraph, null,
                null, correlationId);
    }

    /**
     * @param verifySsl recorded as given: the caller passes the pinned profile's real flag (the reference always
     *                  records {@code false})
     */
    public record DimDeploy(OffsetDateTime deployedAt, String dimRestBase, boolean verifySsl) {
    }

    /** The first poll round's job: the worker's pool and the run's {@code use_real_backends}. */
    public record DimPoll(String pool, boolean useRealBackends) {
    }
}
