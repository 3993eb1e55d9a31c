package dev.beampipe.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Sql;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The operator views over {@code worker_instances} and the running jobs' leases (20-api §2.7). */
public final class WorkerReads {
    /** A lease is live while its end (the lease column, else the legacy lock column) is in the future. */
    static final String LIVE_LEASE = "COALESCE(j.lease_expires_at, j.locked_until, '-infinity'::timestamptz) > now()";
    private static final String WORKER_COLUMNS = "w.uuid, w.instance_name, w.host_name, w.process_id, w.role, w.pool, "
            + "w.capabilities, w.labels, w.version, w.concurrency_limit, w.status, "
            + "(SELECT count(*) FROM jobs j WHERE j.status = 'running' AND j.lease_owner = w.uuid AND " + LIVE_LEASE + "), "
            + "GREATEST(0, floor(EXTRACT(EPOCH FROM (now() - w.last_heartbeat_at))))::bigint, "
            + "w.started_at, w.last_heartbeat_at, w.draining_at, w.stopped_at, w.lost_at";
    /** Pools count a worker unhealthy after a fixed 2 minutes without a heartbeat, as the reference does. */
    static final int POOL_UNHEALTHY_AFTER_SECONDS = 120;

    private final ObjectMapper mapper;
    private final int staleAfterSeconds;

    public WorkerReads(ObjectMapper mapper, int staleAfterSeconds) {
        this.mapper = mapper;
        this.staleAfterSeconds = staleAfterSeconds;
    }

    /** Ordered by status, instance name, start; stopped workers only when asked for. */
    public List<WorkerRead> list(Sql sql, boolean includeStopped) {
        return sql.list("SELECT " + WORKER_COLUMNS + " FROM worker_instances w "
                + (includeStopped ? "" : "WHERE w.status <> 'stopped' ")
                + "ORDER BY w.status, w.instance_name, w.started_at", this::worker);
    }

    public Optional<WorkerRead> get(Sql sql, UUID id) {
        return sql.first("SELECT " + WORKER_COLUMNS + " FROM worker_instances w WHERE w.uuid = $1", this::worker, id);
    }

    public List<WorkerPoolSummary> pools(Sql sql) {
        return sql.list("SELECT w.pool, "
                        + "count(*) FILTER (WHERE w.status = 'active'), "
                        + "count(*) FILTER (WHERE w.status = 'draining'), "
                        + "count(*) FILTER (WHERE w.status IN ('unhealthy', 'lost') OR (w.status IN ('active', 'draining') "
                        + "  AND w.last_heartbeat_at < now() - make_interval(secs => $1))), "
                        + "COALESCE(sum(w.concurrency_limit) FILTER (WHERE w.status = 'active'), 0)::bigint, "
                        + "(SELECT count(*) FROM jobs j WHERE j.status = 'running' AND j.pool = w.pool AND " + LIVE_LEASE + ") "
                        + "FROM worker_instances w WHERE w.status <> 'stopped' GROUP BY w.pool ORDER BY w.pool",
                r -> new WorkerPoolSummary(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)),
                (double) POOL_UNHEALTHY_AFTER_SECONDS);
    }

    /** Running jobs ordered by lease expiry (nulls first), priority desc, creation. */
    public List<WorkerLeaseRead> leases(Sql sql, UUID workerId, boolean includeExpired) {
        return sql.list("SELECT j.uuid, j.kind, j.execution_id, j.lease_owner, j.lease_token, j.pool, j.required_capability, "
                        + "j.attempts, j.lease_expires_at, j.heartbeat_at FROM jobs j WHERE j.status = 'running' "
                        + "AND ($1::uuid IS NULL OR j.lease_owner = $1) AND ($2 OR " + LIVE_LEASE + ") "
                        + "ORDER BY j.lease_expires_at ASC NULLS FIRST, j.priority DESC, j.created_at",
                r -> new WorkerLeaseRead(r.getUUID(0), r.getString(1), r.getUUID(2), r.getUUID(3), r.getUUID(4),
                        r.getString(5), r.getString(6), r.getInteger(7), instant(r.getOffsetDateTime(8)),
                        instant(r.getOffsetDateTime(9))),
                workerId, includeExpired);
    }

    private WorkerRead worker(Row r) {
        String status = r.getString(10);
        long age = r.getLong(12);
        String[] capabilities = r.getArrayOfStrings(6);
        return new WorkerRead(r.getUUID(0), r.getString(1), r.getString(2), r.getInteger(3), r.getString(4), r.getString(5),
                capabilities == null ? List.of() : Arrays.asList(capabilities), json(r.getValue(7)), r.getString(8),
                r.getInteger(9), status, WorkerHealth.of(status, age, staleAfterSeconds), r.getLong(11), age,
                instant(r.getOffsetDateTime(13)), instant(r.getOffsetDateTime(14)), instant(r.getOffsetDateTime(15)),
                instant(r.getOffsetDateTime(16)), instant(r.getOffsetDateTime(17)));
    }

    private JsonNode json(Object value) {
        try {
            return mapper.readTree(Json.encode(value));
        } catch (Exception e) {
            throw new IllegalStateException("worker labels are not JSON", e);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
