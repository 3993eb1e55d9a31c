package dev.beampipe.model.discovery.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.sources.ArchiveMetadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The statements of one source's persisting transaction. Every write runs after {@link #lock} found the row still
 * holding the claim token, and repeats the token in its own condition.
 */
final class HeldSources {

    /** The registry facts persistence decides on, read under the row lock. */
    record HeldSource(UUID uuid, String signature, boolean pending) {
    }

    private HeldSources() {
    }

    /**
     * Locks the registry row only if it still holds {@code token} (the token is in the locking condition, 10-state
     * §8.3 item 31): when a re-claim commits while this waits for the lock, PostgreSQL re-checks the condition on
     * the new row version and returns nothing.
     */
    static Optional<HeldSource> lock(Sql sql, String module, String identifier, String token) {
        return sql.first("SELECT uuid, discovery_signature, workflow_run_pending FROM source_registry "
                        + "WHERE project_module = $1 AND source_identifier = $2 AND discovery_claim_token = $3 FOR UPDATE",
                r -> new HeldSource(r.getUUID(0), r.getString(1), r.getBoolean(2)), module, identifier, token);
    }

    /** The stored signature, or (when NULL) the one recomputed from the stored rows (§4.4 step 4). */
    static String previousSignature(Sql sql, String module, String identifier, HeldSource held, SignatureOptions options) {
        if (held.signature() != null) {
            return held.signature();
        }
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        sql.list("SELECT sbid, metadata_json::text FROM archive_metadata WHERE project_module = $1 "
                        + "AND source_identifier = $2 ORDER BY sbid", r -> Map.entry(r.getString(0), ArchiveMetadata.parseMetadataJson(r.getString(1))),
                module, identifier).forEach(e -> rows.put(e.getKey(), e.getValue()));
        return DiscoverySignature.ofStoredRows(rows, options);
    }

    /** Deletes the source's rows of SBIDs not in {@code payloads} and upserts one row per SBID (new rows get a UUIDv7). */
    static void replaceRows(Sql sql, String module, String identifier, SortedMap<String, ObjectNode> payloads) {
        String[] sbids = payloads.keySet().toArray(String[]::new);
        sql.update("DELETE FROM archive_metadata WHERE project_module = $1 AND source_identifier = $2 "
                + "AND NOT (sbid = ANY($3::text[]))", module, identifier, sbids);
        UUID[] ids = new UUID[sbids.length];
        String[] texts = new String[sbids.length];
        for (int i = 0; i < sbids.length; i++) {
            ids[i] = Uuid7.next();
            texts[i] = StableJson.write(payloads.get(sbids[i]));
        }
        sql.update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "SELECT t.id, $1, $2, t.sbid, t.doc::jsonb FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(id, sbid, doc) "
                + "ON CONFLICT (project_module, source_identifier, sbid) "
                + "DO UPDATE SET metadata_json = EXCLUDED.metadata_json, updated_at = now()",
                module, identifier, ids, sbids, texts);
    }

    /** Outcome changed: new signature, checked now, pending set (its time refreshed), failures reset. */
    static void markChanged(Sql sql, String module, String identifier, String token, String signature) {
        requireOne(sql.update("UPDATE source_registry SET discovery_signature = $4, last_checked_at = now(), "
                + "workflow_run_pending = true, workflow_run_pending_at = now(), discovery_failures = 0 "
                + "WHERE project_module = $1 AND source_identifier = $2 AND discovery_claim_token = $3",
                module, identifier, token, signature));
    }

    /** Outcome no datasets: the no-datasets signature, checked now, failures reset, pending cleared (pitfall 35). */
    static void markNoDatasets(Sql sql, String module, String identifier, String token) {
        requireOne(sql.update("UPDATE source_registry SET discovery_signature = $4, last_checked_at = now(), "
                + "workflow_run_pending = false, workflow_run_pending_at = NULL, discovery_failures = 0 "
                + "WHERE project_module = $1 AND source_identifier = $2 AND discovery_claim_token = $3",
                module, identifier, token, DiscoverySignature.NO_DATASETS_SIGNATURE));
    }

    static void requireOne(int rows) {
        if (rows != 1) {
            throw new IllegalStateException("the locked source row no longer holds the claim token");
        }
    }
}
