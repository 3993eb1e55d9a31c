package dev.beampipe.model.discovery.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.SourceClaims;
import dev.beampipe.model.discovery.SourceClaims.Claim;
import dev.beampipe.model.discovery.pipeline.SourceOutcome;
import dev.beampipe.model.ids.Uuid7;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sources, claims, prepared records and row reads for the persistence tests, on one module of a real database. */
final class PersistFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    final Database db;
    final String module = "m" + UUID.randomUUID().toString().substring(0, 8);
    final SourceClaims claims;
    final DiscoveryPersistence persistence;

    PersistFixture(Database db) {
        this.db = db;
        this.claims = new SourceClaims(db);
        this.persistence = new DiscoveryPersistence(db);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** JSON text read from the database, as is. */
    static JsonNode parse(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ObjectNode obj(String text) {
        return (ObjectNode) json(text);
    }

    /** A prepared record {@code {"sbid", "dataset_id", "visibility_filename"}} plus the fields of {@code extra}. */
    static ObjectNode record(String sbid, String datasetId, String extra) {
        ObjectNode r = JSON.createObjectNode().put("sbid", sbid).put("dataset_id", datasetId)
                .put("visibility_filename", datasetId + ".ms");
        if (extra != null) {
            r.setAll(obj(extra));
        }
        return r;
    }

    static SourceResult prepared(String source, ObjectNode... records) {
        return new SourceResult(source, new SourceOutcome.Prepared(List.of(records), JSON.createObjectNode()), 12);
    }

    static SourceResult preparedWithFlags(String source, ObjectNode flags, ObjectNode... records) {
        return new SourceResult(source, new SourceOutcome.Prepared(List.of(records), flags), 12);
    }

    static SourceResult noDatasets(String source) {
        return new SourceResult(source, new SourceOutcome.NoDatasets(), 7);
    }

    static SourceResult failed(String source, boolean timeout, String message) {
        return new SourceResult(source, new SourceOutcome.Failed(timeout, message), 1500);
    }

    void sources(String... identifiers) {
        for (String id : identifiers) {
            db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                    + "VALUES ($1, $2, $3, true)", Uuid7.next(), module, id);
        }
    }

    /** Makes the sources due (never checked, attempted long ago) and claims exactly them with the real claim query. */
    Claim claim(List<String> identifiers) {
        db.sql().update("UPDATE source_registry SET last_checked_at = NULL, last_attempted_at = now() - interval '1 day' "
                + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])", module, identifiers.toArray(String[]::new));
        Claim claim = claims.claim(module, 24, 1000, 60).orElseThrow();
        assertThat(claim.identifiers()).containsExactlyInAnyOrderElementsOf(identifiers);
        return claim;
    }

    /** One discover batch: claim the results' sources, persist, return the report. */
    BatchReport batch(SignatureOptions options, SourceResult... results) {
        List<String> ids = new ArrayList<>();
        for (SourceResult r : results) {
            ids.add(r.sourceIdentifier());
        }
        Claim claim = claim(ids);
        return persistence.persist(module, claim.token(), List.of(results), options);
    }

    BatchReport batch(SourceResult... results) {
        return batch(SignatureOptions.ABSENT, results);
    }

    record Registry(String signature, boolean pending, Instant pendingAt, Instant lastCheckedAt, Instant lastAttemptedAt,
                    int failures, String claimToken, String lastExecutedSignature) {
    }

    Registry registry(String source) {
        return db.sql().first("SELECT discovery_signature, workflow_run_pending, workflow_run_pending_at, last_checked_at, "
                        + "last_attempted_at, discovery_failures, discovery_claim_token, last_executed_discovery_signature "
                        + "FROM source_registry WHERE project_module = $1 AND source_identifier = $2",
                r -> new Registry(r.getString(0), r.getBoolean(1), instant(r.getOffsetDateTime(2)),
                        instant(r.getOffsetDateTime(3)), instant(r.getOffsetDateTime(4)), r.getInteger(5), r.getString(6),
                        r.getString(7)),
                module, source).orElseThrow();
    }

    record MetadataRow(UUID uuid, JsonNode metadata, Instant updatedAt) {
    }

    /** SBID → stored row, in SBID order. */
    Map<String, MetadataRow> rows(String source) {
        Map<String, MetadataRow> out = new LinkedHashMap<>();
        db.sql().list("SELECT sbid, uuid, metadata_json::text, updated_at FROM archive_metadata WHERE project_module = $1 "
                        + "AND source_identifier = $2 ORDER BY sbid",
                r -> Map.entry(r.getString(0), new MetadataRow(r.getUUID(1), parse(r.getString(2)),
                        instant(r.getOffsetDateTime(3)))), module, source)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    record Event(String type, String source, String actor, String correlationId, UUID executionId, JsonNode payload) {
    }

    /** The module's provenance events, oldest first. */
    List<Event> events(String source) {
        return db.sql().list("SELECT event_type, source_identifier, actor, correlation_id, execution_id, payload::text "
                        + "FROM provenance_events WHERE project_module = $1 AND source_identifier = $2 ORDER BY occurred_at, id",
                r -> new Event(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getUUID(4),
                        parse(r.getString(5))), module, source);
    }

    long count(String sql) {
        return db.sql().count(sql, module);
    }

    private static Instant instant(java.time.OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
