package dev.beampipe.api.workers;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.workers.WorkerRegistry;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Drain, resume and heartbeat, each in one transaction: the state change, its provenance event and the row
 * returned to the caller commit together, so a concurrent drain/resume/heartbeat can neither lose the event nor
 * answer with a state the caller's own change did not produce.
 */
public final class WorkerControl {
    private final Database db;
    private final WorkerReads reads;

    public WorkerControl(Database db, WorkerReads reads) {
        this.db = db;
        this.reads = reads;
    }

    /** Empty when the worker is unknown or stopped. */
    public Optional<WorkerRead> drain(UUID id, String username) {
        return change(id, username, true);
    }

    public Optional<WorkerRead> resume(UUID id, String username) {
        return change(id, username, false);
    }

    /** The recorded heartbeat time, or empty when the worker is unknown or stopped. */
    public Optional<Instant> heartbeat(UUID id) {
        return db.inTransaction(tx -> {
            if (!new WorkerRegistry(tx).heartbeat(id)) {
                return Optional.empty();
            }
            return tx.first("SELECT last_heartbeat_at FROM worker_instances WHERE uuid = $1",
                    r -> r.getOffsetDateTime(0).toInstant(), id);
        });
    }

    private Optional<WorkerRead> change(UUID id, String username, boolean draining) {
        return db.inTransaction(tx -> {
            WorkerRegistry registry = new WorkerRegistry(tx);
            if (!(draining ? registry.drain(id) : registry.resume(id))) {
                return Optional.empty();
            }
            event(tx, draining ? "worker.drained" : "worker.resumed", id, username, draining);
            return reads.get(tx, id);
        });
    }

    /** {@code project_module = system}, the worker's uuid as correlation id (10-state §3.6). */
    private static void event(Sql tx, String type, UUID workerId, String username, boolean draining) {
        tx.update("INSERT INTO provenance_events (id, event_type, project_module, actor, correlation_id, payload) "
                        + "VALUES ($1, $2, 'system', $3, $4, $5)",
                Uuid7.next(), type, "user:" + username, workerId.toString(),
                new JsonObject().put("worker_id", workerId.toString()).put("draining", draining));
    }
}
