package dev.beampipe.model.ledger;

import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Ledger rows written with SQL in the shapes creation and the execute worker leave behind: sources with a
 * discovery signature, an execution pinning them with their combined signature.
 */
public final class LedgerFixtures {
    private LedgerFixtures() {
    }

    public static String module() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An enabled source with signature {@code signature} (64 hex chars are derived from the text). */
    public static void source(Database db, String module, String source, String signature) {
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, discovery_signature) "
                + "VALUES ($1, $2, $3, true, $4) ON CONFLICT (project_module, source_identifier) "
                + "DO UPDATE SET discovery_signature = EXCLUDED.discovery_signature", Uuid7.next(), module, source, signature);
    }

    public static String signature(String seed) {
        return dev.beampipe.model.canonical.StableJson.sha256(new com.fasterxml.jackson.databind.node.TextNode(seed));
    }

    /**
     * An execution over {@code sources} (created with signature {@code signature(source)} when missing) in
     * {@code status}, pinning the sources' combined signature and a REST profile snapshot.
     */
    public static UUID execution(Database db, String module, String status, String... sources) {
        Map<String, String> signatures = new LinkedHashMap<>();
        JsonArray selection = new JsonArray();
        for (String s : sources) {
            String existing = db.sql().first("SELECT discovery_signature FROM source_registry WHERE project_module = $1 "
                    + "AND source_identifier = $2", r -> r.getString(0), module, s).orElse(null);
            if (existing == null) {
                existing = signature(module + s);
                source(db, module, s, existing);
            }
            signatures.put(s, existing);
            selection.add(new JsonObject().put("source_identifier", s));
        }
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "discovery_signature, deployment_profile_snapshot, control_phase, submission_state, "
                        + "scheduler_state, daliuge_state, output_state) VALUES ($1, $2, $3, 'casda', $4, $5, $6, "
                        + "'discovered', 'not_started', 'not_submitted', 'not_created', 'not_started')",
                id, module, selection, status, ExecutionSignature.combined(signatures).orElseThrow(),
                new JsonObject().put("deployment", new JsonObject().put("kind", "rest_remote")));
        return id;
    }

    public static void set(Database db, UUID id, String assignments, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        db.sql().update("UPDATE batch_execution_record SET " + assignments + " WHERE uuid = $1", all);
    }

    public static void setSource(Database db, String module, String source, String assignments) {
        db.sql().update("UPDATE source_registry SET " + assignments + " WHERE project_module = $1 AND source_identifier = $2",
                module, source);
    }

    /** One column of the execution as text ({@code column::text}). */
    public static String column(Database db, UUID id, String column) {
        return db.sql().first("SELECT " + column + "::text FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id).orElseThrow();
    }

    public static JsonObject row(Database db, UUID id) {
        return db.sql().first("SELECT to_jsonb(b) FROM batch_execution_record b WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
    }

    public static JsonObject sourceRow(Database db, String module, String source) {
        return db.sql().first("SELECT to_jsonb(s) || jsonb_build_object('backoff_seconds', "
                        + "round(EXTRACT(EPOCH FROM (next_admission_at - workflow_run_pending_at)))) FROM source_registry s "
                        + "WHERE project_module = $1 AND source_identifier = $2",
                r -> (JsonObject) r.getValue(0), module, source).orElseThrow();
    }

    public static long events(Database db, UUID id, String type) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", id, type);
    }

    public static JsonObject lastEvent(Database db, UUID id, String type) {
        return db.sql().first("SELECT jsonb_build_object('actor', actor, 'correlation_id', correlation_id, "
                        + "'payload', payload) FROM provenance_events WHERE execution_id = $1 AND event_type = $2 "
                        + "ORDER BY occurred_at DESC LIMIT 1", r -> (JsonObject) r.getValue(0), id, type).orElseThrow();
    }

    public static long count(Database db, String table, UUID id) {
        return db.sql().count("SELECT count(*) FROM " + table + " WHERE execution_id = $1", id);
    }
}
