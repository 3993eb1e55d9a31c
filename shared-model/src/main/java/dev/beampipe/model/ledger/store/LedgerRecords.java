package dev.beampipe.model.ledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The append-only rows a control transition writes inside its transaction: provenance, observations, artifacts. */
public final class LedgerRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LedgerRecords() {
    }

    public static void provenance(Sql sql, String eventType, String projectModule, UUID executionId, String actor,
                           String correlationId, JsonObject payload) {
        sql.update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, execution_id, actor, "
                        + "correlation_id, payload) VALUES ($1, clock_timestamp(), $2, $3, $4, $5, $6, $7)",
                Uuid7.next(), eventType, projectModule, executionId, actor,
                correlationId == null ? executionId.toString() : correlationId, payload);
    }

    public static void observation(Sql sql, UUID executionId, String kind, String normalized, String raw, String reason,
                            JsonObject payload, String sourceVersion) {
        sql.update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, reason, "
                        + "payload, source_version, observed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())",
                Uuid7.next(), executionId, kind, normalized, raw, reason, payload, sourceVersion);
    }

    /** A stored artifact row: its id and the digest/size computed over the canonical JSON. */
    public record StoredArtifact(UUID uuid, String sha256, long sizeBytes) {
    }

    /**
     * An inline JSON artifact: sha256/size over the key-sorted compact JSON; idempotent on (execution, kind, sha),
     * so a re-run returns the row stored first.
     */
    public static StoredArtifact inlineArtifact(Sql sql, UUID executionId, String kind, String producerPhase,
                                                JsonObject inline, JsonObject metadata) {
        JsonNode tree = tree(inline);
        byte[] bytes = StableJson.write(tree).getBytes(StandardCharsets.UTF_8);
        String sha = StableJson.sha256(tree);
        sql.update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, "
                        + "sha256, size_bytes, producer_phase, metadata) VALUES ($1, $2, $3, 'database', $4, "
                        + "'application/json', $5, $6, $7, $8) ON CONFLICT (execution_id, kind, sha256) DO NOTHING",
                Uuid7.next(), executionId, kind, inline, sha, (long) bytes.length, producerPhase,
                metadata == null ? new JsonObject() : metadata);
        return sql.first("SELECT uuid, size_bytes FROM execution_artifacts WHERE execution_id = $1 AND kind = $2 "
                        + "AND sha256 = $3", r -> new StoredArtifact(r.getUUID(0), sha, r.getLong(1)),
                executionId, kind, sha).orElseThrow();
    }

    /** A JSON value ({@code JsonObject}, {@code JsonArray}, …) as a Jackson tree, for canonical digests. */
    public static JsonNode tree(Object json) {
        try {
            return MAPPER.readTree(Json.encode(json));
        } catch (Exception e) {
            throw new IllegalStateException("a Vert.x JSON value always encodes to JSON", e);
        }
    }
}
