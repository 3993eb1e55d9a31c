package dev.beampipe.model.workers;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code worker_instances}: registration, heartbeats, drain/resume, stop, and lost-worker detection. */
public final class WorkerRegistry {
    private final Supplier<Sql> sql;

    public WorkerRegistry(Database db) {
        this.sql = db::sql;
    }

    /** The same operations inside a caller's transaction (e.g. a drain and its provenance event together). */
    public WorkerRegistry(Sql transaction) {
        this.sql = () -> transaction;
    }

    /** Upsert on the uuid; a draining row stays draining, anything else becomes active. */
    public void register(WorkerIdentity w) {
        sql.get().update("INSERT INTO worker_instances (uuid, instance_name, host_name, process_id, role, pool, capabilities, "
                        + "labels, version, concurrency_limit, status, started_at, last_heartbeat_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', now(), now(), now()) "
                        + "ON CONFLICT (uuid) DO UPDATE SET instance_name = EXCLUDED.instance_name, host_name = EXCLUDED.host_name, "
                        + "process_id = EXCLUDED.process_id, role = EXCLUDED.role, pool = EXCLUDED.pool, "
                        + "capabilities = EXCLUDED.capabilities, labels = EXCLUDED.labels, version = EXCLUDED.version, "
                        + "concurrency_limit = EXCLUDED.concurrency_limit, "
                        + "status = CASE WHEN worker_instances.status = 'draining' THEN 'draining' ELSE 'active' END, "
                        + "stopped_at = NULL, lost_at = NULL, last_heartbeat_at = now(), updated_at = now()",
                w.id(), w.instanceName(), w.hostName(), w.processId(), w.role(), w.pool(),
                w.capabilities().toArray(String[]::new), new JsonObject(new java.util.LinkedHashMap<>(w.labels())),
                w.version(), w.concurrencyLimit());
    }

    /**
     * Refreshes the heartbeat of an active, draining or lost row (a lost worker that heartbeats is active
     * again); returns false when the row is stopped or unknown.
     */
    public boolean heartbeat(UUID workerId) {
        return sql.get().update("UPDATE worker_instances SET last_heartbeat_at = now(), updated_at = now(), "
                + "status = CASE WHEN status = 'lost' THEN 'active' ELSE status END, lost_at = NULL "
                + "WHERE uuid = $1 AND status IN ('active', 'draining', 'lost')", workerId) == 1;
    }

    public boolean drain(UUID workerId) {
        return sql.get().update("UPDATE worker_instances SET status = 'draining', draining_at = COALESCE(draining_at, now()), "
                + "last_heartbeat_at = now(), updated_at = now() WHERE uuid = $1 AND status IN ('active', 'draining')", workerId) == 1;
    }

    public boolean resume(UUID workerId) {
        return sql.get().update("UPDATE worker_instances SET status = 'active', draining_at = NULL, "
                + "last_heartbeat_at = now(), updated_at = now() WHERE uuid = $1 AND status IN ('active', 'draining')", workerId) == 1;
    }

    public void markStopped(UUID workerId) {
        sql.get().update("UPDATE worker_instances SET status = 'stopped', stopped_at = now(), updated_at = now() "
                + "WHERE uuid = $1", workerId);
    }

    public String status(UUID workerId) {
        return sql.get().first("SELECT status FROM worker_instances WHERE uuid = $1", r -> r.getString(0), workerId).orElse(null);
    }

    /** Live leases held by the worker (the claim's reading of liveness). */
    public long liveLeases(UUID workerId) {
        return sql.get().count("SELECT count(*) FROM jobs WHERE status = 'running' AND lease_owner = $1 AND "
                + "COALESCE(lease_expires_at, locked_until, '-infinity'::timestamptz) > now()", workerId);
    }

    /**
     * Marks {@code active}/{@code draining} workers whose heartbeat is older than {@code staleAfterSeconds}
     * as {@code lost} (decision 20); their capacity stops counting toward the pool. Returns their ids.
     */
    public List<UUID> markLost(int staleAfterSeconds) {
        return sql.get().list("UPDATE worker_instances SET status = 'lost', lost_at = now(), updated_at = now() "
                        + "WHERE status IN ('active', 'draining') AND last_heartbeat_at < now() - make_interval(secs => $1) "
                        + "RETURNING uuid",
                r -> r.getUUID(0), (double) staleAfterSeconds);
    }

    /** True when at least one worker has heartbeated within {@code withinSeconds} and is not stopped or lost. */
    public boolean anyLive(int withinSeconds) {
        return sql.get().count("SELECT count(*) FROM worker_instances WHERE status IN ('active', 'draining') "
                + "AND last_heartbeat_at > now() - make_interval(secs => $1)", (double) withinSeconds) > 0;
    }
}
