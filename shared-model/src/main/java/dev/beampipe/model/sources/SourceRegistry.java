package dev.beampipe.model.sources;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code source_registry} table: registration (an upsert on {@code (project_module, source_identifier)} that
 * only overwrites {@code enabled}), reads, the PATCH, delete, and the manual rediscovery marking
 * (10-state-and-jobs §2.1).
 */
public final class SourceRegistry {
    private static final String UPSERT = "INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT ON CONSTRAINT uq_source_registry_composite "
            + "DO UPDATE SET enabled = EXCLUDED.enabled RETURNING " + SourceRow.COLUMNS;

    private final Database db;

    public SourceRegistry(Database db) {
        this.db = db;
    }

    public SourceRow register(NewSource source) {
        return register(db.sql(), source);
    }

    public SourceRow register(Sql sql, NewSource source) {
        return sql.first(UPSERT, SourceRow::from, Uuid7.next(), source.projectModule(), source.sourceIdentifier(),
                source.enabled()).orElseThrow();
    }

    /**
     * Every item in one transaction: all are registered or none. Rows are locked in key order (so two bulk
     * requests naming the same sources in different orders cannot deadlock); the result is in request order.
     */
    public List<SourceRow> registerAll(List<NewSource> sources) {
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> sources.get(i).projectModule())
                .thenComparing(i -> sources.get(i).sourceIdentifier()));
        return db.inTransaction(sql -> {
            SourceRow[] rows = new SourceRow[order.length];
            for (int i : order) {
                rows[i] = register(sql, sources.get(i));
            }
            return List.of(rows);
        });
    }

    public Optional<SourceRow> find(UUID id) {
        return db.sql().first("SELECT " + SourceRow.COLUMNS + " FROM source_registry WHERE uuid = $1", SourceRow::from, id);
    }

    public Optional<SourceRow> find(String module, String identifier) {
        return find(db.sql(), module, identifier);
    }

    public Optional<SourceRow> find(Sql sql, String module, String identifier) {
        return sql.first("SELECT " + SourceRow.COLUMNS + " FROM source_registry WHERE project_module = $1 "
                + "AND source_identifier = $2", SourceRow::from, module, identifier);
    }

    /** Newest first; {@code module == null} lists every module. */
    public List<SourceRow> list(String module, int limit, int offset) {
        return db.sql().list("SELECT " + SourceRow.COLUMNS + " FROM source_registry "
                        + "WHERE ($1::text IS NULL OR project_module = $1) ORDER BY created_at DESC, uuid DESC LIMIT $2 OFFSET $3",
                SourceRow::from, module, limit, offset);
    }

    /**
     * The PATCH: {@code enabled == null} keeps the flag; {@code setStaleAfterHours} says whether the field was
     * present (then {@code staleAfterHours} is the new value, null clearing it).
     */
    public Optional<SourceRow> update(UUID id, Boolean enabled, boolean setStaleAfterHours, Integer staleAfterHours) {
        return db.sql().first("UPDATE source_registry SET enabled = COALESCE($2, enabled), "
                        + "stale_after_hours = CASE WHEN $3 THEN $4 ELSE stale_after_hours END WHERE uuid = $1 "
                        + "RETURNING " + SourceRow.COLUMNS,
                SourceRow::from, id, enabled, setStaleAfterHours, staleAfterHours);
    }

    /** Archive metadata rows are kept (history), like the reference. */
    public boolean delete(UUID id) {
        return db.sql().update("DELETE FROM source_registry WHERE uuid = $1", id) == 1;
    }

    /**
     * Marks the enabled sources of {@code module} for rediscovery inside the caller's transaction: check times,
     * discovery failure counter (so a backed-off source is retried now), discovery claim and workflow claim cleared. {@code identifiers == null} or empty means every enabled source.
     * Returns the marked identifiers, sorted.
     */
    public List<String> markForRediscovery(Sql sql, String module, List<String> identifiers) {
        String[] only = identifiers == null || identifiers.isEmpty() ? null : identifiers.toArray(String[]::new);
        // rows are locked in key order, like a bulk registration, so the two cannot deadlock
        return sql.list("WITH picked AS (SELECT uuid FROM source_registry WHERE project_module = $1 AND enabled "
                        + "AND ($2::text[] IS NULL OR source_identifier = ANY($2::text[])) ORDER BY source_identifier FOR UPDATE) "
                        + "UPDATE source_registry s SET last_checked_at = NULL, last_attempted_at = NULL, discovery_failures = 0, "
                        + "discovery_claim_token = NULL, discovery_claim_expires_at = NULL, workflow_claim_token = NULL, "
                        + "workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                        + "FROM picked WHERE s.uuid = picked.uuid RETURNING s.source_identifier",
                r -> r.getString(0), module, only).stream().sorted().toList();
    }

    /** The source's archive metadata rows, ordered by SBID then creation. */
    public List<ArchiveMetadata> metadata(String module, String identifier) {
        return metadata(db.sql(), module, identifier);
    }

    public List<ArchiveMetadata> metadata(Sql sql, String module, String identifier) {
        return sql.list("SELECT uuid, project_module, source_identifier, sbid, metadata_json::text AS metadata_json, "
                        + "created_at, updated_at FROM archive_metadata WHERE project_module = $1 AND source_identifier = $2 "
                        + "ORDER BY sbid, created_at",
                r -> new ArchiveMetadata(r.getUUID("uuid"), r.getString("project_module"), r.getString("source_identifier"),
                        r.getString("sbid"), ArchiveMetadata.parseMetadataJson(r.getString("metadata_json")), SourceRow.instant(r, "created_at"),
                        SourceRow.instant(r, "updated_at")),
                module, identifier);
    }

    /** The readiness status of a registered source, computed from its row and metadata now. */
    public SourceStatus status(SourceRow source) {
        List<MetadataRow> rows = metadata(source.projectModule(), source.sourceIdentifier()).stream()
                .map(ArchiveMetadata::readiness).toList();
        return SourceReadiness.status(source.sourceIdentifier(), source.state(), rows, null, java.time.Instant.now());
    }

    /**
     * The readiness error of one selected source (10-state-and-jobs §2.2, checks 1-7 with its SBID filter), read
     * inside the caller's transaction: for execution admission and the dispatch-time re-check. Empty when ready.
     * The "already executed" skip is the caller's (admission skips such sources; status reports it as a blocker).
     */
    public Optional<String> readinessError(Sql sql, String module, String identifier, List<String> sbids) {
        Optional<SourceRow> source = find(sql, module, identifier);
        List<MetadataRow> rows = source.isEmpty() ? List.of()
                : metadata(sql, module, identifier).stream().map(ArchiveMetadata::readiness).toList();
        return SourceReadiness.error(identifier, sbids, source.map(SourceRow::state).orElse(null), rows);
    }
}
