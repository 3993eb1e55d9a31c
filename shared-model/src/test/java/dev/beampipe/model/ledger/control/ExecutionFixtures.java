package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Execution ledger rows written directly, in the shapes the execute worker leaves behind. */
final class ExecutionFixtures {
    private ExecutionFixtures() {
    }

    static UUID execution(Database db, String module, String source, String status) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                + "VALUES ($1, $2, $3, true) ON CONFLICT DO NOTHING", Uuid7.next(), module, source);
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot) VALUES ($1, $2, $3, 'casda', $4, $5)",
                id, module, new JsonArray().add(new JsonObject().put("source_identifier", source)), status,
                new JsonObject().put("deployment", new JsonObject().put("kind", "slurm_remote")));
        return id;
    }

    static void set(Database db, UUID id, String assignments, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        db.sql().update("UPDATE batch_execution_record SET " + assignments + " WHERE uuid = $1", all);
    }

    static String status(Database db, UUID id) {
        return db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id).orElseThrow();
    }

    static long activeExecuteJobs(Database db, UUID id) {
        return db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND kind = 'execute' "
                + "AND status IN ('queued', 'running')", id);
    }

    static long events(Database db, UUID id, String type) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", id, type);
    }
}
