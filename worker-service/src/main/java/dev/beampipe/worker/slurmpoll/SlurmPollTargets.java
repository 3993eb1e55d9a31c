package dev.beampipe.worker.slurmpoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.control.LedgerState;
import dev.beampipe.model.ledger.slurm.SlurmPollLedger;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.worker.execute.BackendMode;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;

/**
 * The Slurm tick's selector (10-state §3.9, 40-backends §4.8): {@code scheduler_name='slurm'} with a job id, status
 * {@code awaiting_scheduler|running}, a scheduler state that has not settled, and no live execute lease (reading 2 of
 * §3.4, as the DIM tick). Least recently reconciled first.
 */
public final class SlurmPollTargets {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SELECTOR = "e.scheduler_name = 'slurm' AND e.scheduler_job_id IS NOT NULL "
            + "AND e.status IN ('awaiting_scheduler', 'running') "
            + "AND COALESCE(e.scheduler_state, 'unknown') NOT IN ('succeeded', 'failed', 'cancelled', 'timed_out') "
            + "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.execution_id = e.uuid AND j.kind = 'execute' "
            + "AND j.status = 'running' AND (j.lease_expires_at IS NULL OR j.locked_until IS NULL "
            + "OR GREATEST(j.lease_expires_at, j.locked_until) > now()))";
    static final String COLUMNS = "e.uuid, e.scheduler_job_id, e.daliuge_session_id, e.deployment_profile_snapshot, "
            + BackendMode.COLUMN + " AS backend_mode, COALESCE(pc.spec, ac.spec) -> 'automation' -> 'execution' AS policy";
    static final String JOINS = " LEFT JOIN project_configs pc ON pc.uuid = e.project_config_id "
            + "LEFT JOIN project_configs ac ON ac.project_id = e.project_module AND ac.active ";

    private SlurmPollTargets() {
    }

    public static List<SlurmPollTarget> pending(Sql sql, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM batch_execution_record e" + JOINS + "WHERE " + SELECTOR
                + " ORDER BY e.last_reconciled_at NULLS FIRST, e.uuid LIMIT $1", SlurmPollTargets::target, limit);
    }

    static SlurmPollTarget target(Row r) {
        JsonObject policy = r.getValue("policy") instanceof JsonObject o ? o : new JsonObject();
        Object rounds = policy.getValue("execution_slurm_remote_poll_max_rounds");
        int maxRounds = rounds instanceof Number n && n.longValue() > 0
                ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : SlurmPollLedger.DEFAULT_MAX_ROUNDS;
        String jobId = r.getString("scheduler_job_id");
        java.util.UUID id = r.getUUID("uuid");
        String sid = r.getString("daliuge_session_id");
        String mode = r.getString("backend_mode");
        if (!LedgerState.exactSlurmJobId(jobId)) {
            return new SlurmPollTarget(id, jobId, sid, null, "invalid_scheduler_job_id",
                    "scheduler_job_id '" + jobId + "' is not an exact Slurm job id (ASCII digits)", maxRounds, mode);
        }
        JsonObject snapshot = r.getValue("deployment_profile_snapshot") instanceof JsonObject o ? o : null;
        if (snapshot == null) {
            return new SlurmPollTarget(id, jobId, sid, null, "missing_deployment_profile",
                    "the execution has no pinned deployment profile", maxRounds, mode);
        }
        DeploymentProfile profile;
        try {
            JsonObject spec = snapshot.copy();
            spec.remove("id");
            spec.remove("revision");
            spec.remove("spec_sha256");
            profile = ProfileBinder.bind(MAPPER.readTree(spec.encode()));
        } catch (Exception e) {
            return new SlurmPollTarget(id, jobId, sid, null, "invalid_deployment_profile_snapshot",
                    "the pinned deployment profile snapshot is unreadable: " + e.getMessage(), maxRounds, mode);
        }
        if (!(profile.deployment() instanceof SlurmRemoteDeployment d)) {
            return new SlurmPollTarget(id, jobId, sid, null, "invalid_deployment_profile_kind",
                    "the pinned deployment profile is " + profile.deployment().kind() + ", not slurm_remote", maxRounds, mode);
        }
        return new SlurmPollTarget(id, jobId, sid, d, null, null, maxRounds, mode);
    }
}
