package dev.beampipe.model.discovery;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Discovery claims on {@code source_registry} (10-state-and-jobs §4.1): one statement claims the due rows with a
 * fresh token and TTL ({@code FOR UPDATE SKIP LOCKED}, so concurrent ticks never share a row); every later write
 * is fenced by the token, so a holder whose claim expired and was re-claimed changes nothing. A source whose
 * discovery failed is skipped until its {@link DiscoveryBackoff} has elapsed.
 */
public final class SourceClaims {
    /** One claimed batch: the token and the claimed sources in claim order ({@code created_at}). */
    public record Claim(String token, String module, List<ClaimedSource> sources) {
        public List<String> identifiers() {
            return sources.stream().map(ClaimedSource::sourceIdentifier).toList();
        }
    }

    public record ClaimedSource(UUID uuid, String sourceIdentifier) {
    }

    private static final String CLAIM = "WITH picked AS (SELECT uuid, created_at FROM source_registry "
            + "WHERE project_module = $1 AND enabled "
            + "AND (discovery_claim_expires_at IS NULL OR discovery_claim_expires_at <= now()) "
            + "AND (last_checked_at IS NULL OR last_checked_at <= now() - make_interval(hours => COALESCE(stale_after_hours, $2::int))) "
            + "AND " + DiscoveryBackoff.SQL_DUE + " "
            + "ORDER BY created_at, uuid LIMIT $3 FOR UPDATE SKIP LOCKED) "
            + "UPDATE source_registry s SET discovery_claim_token = $4, "
            + "discovery_claim_expires_at = now() + make_interval(mins => $5::int) "
            + "FROM picked WHERE s.uuid = picked.uuid RETURNING s.uuid, s.source_identifier, picked.created_at";

    private final Database db;

    public SourceClaims(Database db) {
        this.db = db;
    }

    /** Claims up to {@code limit} due sources of the module; empty when {@code limit <= 0} or none is due. */
    public Optional<Claim> claim(String module, int defaultStaleAfterHours, int limit, int ttlMinutes) {
        return claim(db.sql(), module, defaultStaleAfterHours, limit, ttlMinutes);
    }

    public Optional<Claim> claim(Sql sql, String module, int defaultStaleAfterHours, int limit, int ttlMinutes) {
        if (limit <= 0) {
            return Optional.empty();
        }
        String token = Uuid7.next().toString();
        record Picked(UUID uuid, String identifier, java.time.OffsetDateTime createdAt) {
        }
        List<ClaimedSource> sources = sql.list(CLAIM,
                        r -> new Picked(r.getUUID(0), r.getString(1), r.getOffsetDateTime(2)),
                        module, defaultStaleAfterHours, limit, token, ttlMinutes).stream()
                .sorted(java.util.Comparator.comparing(Picked::createdAt).thenComparing(Picked::uuid))
                .map(p -> new ClaimedSource(p.uuid(), p.identifier())).toList();
        return sources.isEmpty() ? Optional.empty() : Optional.of(new Claim(token, module, sources));
    }

    /** Releases the claim on every row still holding {@code token}; returns how many were released. */
    public int release(String module, String token) {
        return db.sql().update("UPDATE source_registry SET discovery_claim_token = NULL, discovery_claim_expires_at = NULL "
                + "WHERE project_module = $1 AND discovery_claim_token = $2", module, token);
    }

    /**
     * Fenced "unchanged" outcome: {@code last_checked_at = now()} and the failure counter reset, only while the row
     * still holds {@code token}.
     */
    public boolean markChecked(Sql sql, String module, String identifier, String token) {
        return sql.update("UPDATE source_registry SET last_checked_at = now(), discovery_failures = 0 WHERE project_module = $1 "
                + "AND source_identifier = $2 AND discovery_claim_token = $3", module, identifier, token) == 1;
    }

    /**
     * Fenced error/timeout outcome: {@code last_attempted_at = now()} and one more consecutive failure (the
     * {@link DiscoveryBackoff} grows), only while the row still holds {@code token}.
     */
    public boolean markAttempted(Sql sql, String module, String identifier, String token) {
        return sql.update("UPDATE source_registry SET last_attempted_at = now(), discovery_failures = discovery_failures + 1 "
                + "WHERE project_module = $1 "
                + "AND source_identifier = $2 AND discovery_claim_token = $3", module, identifier, token) == 1;
    }

    /** Whether the row still holds {@code token}; call inside the persisting transaction after locking the row. */
    public boolean holds(Sql sql, String module, String identifier, String token) {
        return sql.count("SELECT count(*) FROM source_registry WHERE project_module = $1 AND source_identifier = $2 "
                + "AND discovery_claim_token = $3", module, identifier, token) == 1;
    }
}
