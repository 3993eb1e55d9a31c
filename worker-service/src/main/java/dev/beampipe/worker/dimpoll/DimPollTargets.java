package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.worker.execute.BackendMode;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The DIM tick's selector (10-state §3.9, 40-backends §3.10): REST executions with a session id that are
 * {@code running} or hold an {@code in_flight}/{@code uncertain} submission, not terminal, without an outcome, whose
 * DALiuGE state is not {@code finished|failed|cancelled}, not operator-abandoned, and whose {@code execute} job holds
 * no live lease (reading 2 of §3.4: a running execute job with either lease column NULL or in the future is live; a
 * leased {@code dim_poll} job does not hide the execution), and submitted to real backends (the recorded
 * {@code backend_mode}, else the worker's own setting). Least recently reconciled first.
 */
public final class DimPollTargets {
    static final String POLICY_COLUMNS = "e.uuid, e.status, e.daliuge_session_id, e.daliuge_manager_url, "
            + BackendMode.COLUMN + " AS backend_mode, e.deployment_profile_snapshot, COALESCE(pc.spec, ac.spec) -> 'automation' -> 'execution' AS policy";
    static final String POLICY_JOINS = " LEFT JOIN project_configs pc ON pc.uuid = e.project_config_id "
            + "LEFT JOIN project_configs ac ON ac.project_id = e.project_module AND ac.active ";
    static final String SELECTOR = "e.scheduler_name = 'daliuge' AND COALESCE(e.daliuge_session_id, '') <> '' "
            + "AND (e.status = 'running' OR e.submission_state IN ('in_flight', 'uncertain')) "
            + "AND e.status NOT IN ('completed', 'failed', 'cancelled', 'not_submitted') "
            + "AND e.terminal_outcome IS NULL "
            + "AND COALESCE(e.daliuge_state, 'not_created') NOT IN ('finished', 'failed', 'cancelled') "
            + "AND e.submission_abandoned_at IS NULL "
            + "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.execution_id = e.uuid AND j.kind = 'execute' "
            + "AND j.status = 'running' AND (j.lease_expires_at IS NULL OR j.locked_until IS NULL "
            + "OR GREATEST(j.lease_expires_at, j.locked_until) > now()))";

    private DimPollTargets() {
    }

    /** Only executions submitted to real backends are polled, whatever this worker's own mode. */
    static final String REAL_MODE = " AND COALESCE(" + BackendMode.COLUMN + ", $2) = 'real'";

    /**
     * @param workerReal this worker's {@code BEAMPIPE_USE_REAL_BACKENDS}: the mode of rows that recorded none
     */
    public static List<DimPollTarget> pending(Sql sql, int limit, boolean workerReal) {
        return sql.list("SELECT " + POLICY_COLUMNS + " FROM batch_execution_record e" + POLICY_JOINS + "WHERE "
                        + SELECTOR + REAL_MODE + " ORDER BY e.last_reconciled_at NULLS FIRST, e.uuid LIMIT $1",
                DimPollTargets::target, limit, BackendMode.of(workerReal).wire());
    }

    /** One execution's target whatever its state (the {@code dim_poll} job; the ledger re-checks under the lock). */
    public static Optional<DimPollTarget> of(Sql sql, UUID executionId) {
        return sql.first("SELECT " + POLICY_COLUMNS + " FROM batch_execution_record e" + POLICY_JOINS
                + "WHERE e.uuid = $1", DimPollTargets::target, executionId);
    }

    static DimPollTarget target(Row r) {
        JsonObject snapshot = r.getValue("deployment_profile_snapshot") instanceof JsonObject o ? o : null;
        JsonObject deployment = snapshot == null ? null : snapshot.getJsonObject("deployment");
        String endpoint = r.getString("daliuge_manager_url");
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = restBase(deployment);
        }
        boolean verify = deployment == null || !Boolean.FALSE.equals(deployment.getBoolean("verify_ssl"));
        JsonObject policy = r.getValue("policy") instanceof JsonObject o ? o : new JsonObject();
        Object rounds = policy.getValue("execution_rest_remote_poll_max_rounds");
        int maxRounds = rounds instanceof Number n && n.longValue() > 0
                ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : DimPollTarget.DEFAULT_MAX_ROUNDS;
        Object interval = policy.getValue("execution_rest_remote_poll_interval_seconds");
        Long seconds = interval instanceof Number n && Double.isFinite(n.doubleValue())
                ? Math.max(Math.round(n.doubleValue()), 1L) : null;
        boolean terminal = java.util.Set.of("completed", "failed", "cancelled", "not_submitted").contains(r.getString("status"));
        return new DimPollTarget(r.getUUID("uuid"), r.getString("daliuge_session_id"), endpoint, verify, maxRounds, seconds,
                terminal, r.getString("backend_mode"));
    }

    /** The profile's DIM REST base ({@code RestRemoteDeployment.dimRestBase} rules); null without a REST profile. */
    static String restBase(JsonObject deployment) {
        if (deployment == null || deployment.getString("deploy_host") == null
                || !"rest_remote".equals(deployment.getString("kind"))) {
            return null;
        }
        Object p = deployment.getValue("deploy_port");
        return new RestRemoteDeployment(null, null, deployment.getString("deploy_host"),
                p instanceof Number n ? n.longValue() : null, Boolean.TRUE.equals(deployment.getBoolean("use_https")),
                !Boolean.FALSE.equals(deployment.getBoolean("verify_ssl"))).dimRestBase();
    }
}
