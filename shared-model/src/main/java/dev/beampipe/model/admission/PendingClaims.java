package dev.beampipe.model.admission;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.sources.SourceRowLocks;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admission claim {@code claim_pending_sources_for_workflow_run} (10-state-and-jobs §4.1): one statement claims
 * the module's enabled, pending, unclaimed (or expired) sources whose failure backoff has elapsed (decision 3),
 * oldest pending first, {@code FOR UPDATE SKIP LOCKED}, with a fresh token and TTL; so two concurrent ticks never
 * hold the same source. The release is fenced by the token: a late release never clears a newer claim.
 */
public final class PendingClaims {
    /** The claimed sources, in claim order ({@code workflow_run_pending_at} nulls last, then {@code created_at}). */
    public record Claim(String token, String module, List<String> sourceIdentifiers) {
    }

    static final String SQL_BACKOFF_ELAPSED = "(next_admission_at IS NULL OR next_admission_at <= now())";
    static final String SQL_PENDING = "enabled AND workflow_run_pending AND " + SQL_BACKOFF_ELAPSED;

    private static final String CLAIM = "WITH picked AS (SELECT uuid FROM source_registry WHERE project_module = $1 AND "
            + SQL_PENDING + " AND (workflow_claim_expires_at IS NULL OR workflow_claim_expires_at <= now()) "
            + "ORDER BY workflow_run_pending_at ASC NULLS LAST, created_at, uuid LIMIT $2 FOR UPDATE SKIP LOCKED) "
            + "UPDATE source_registry s SET workflow_claim_token = $3, workflow_claimed_at = now(), "
            + "workflow_claim_expires_at = now() + make_interval(mins => $4::int) FROM picked WHERE s.uuid = picked.uuid "
            + "RETURNING s.uuid, s.source_identifier, s.workflow_run_pending_at, s.created_at";

    private PendingClaims() {
    }

    /** Claims up to {@code limit} pending sources of the module; empty when {@code limit <= 0} or none is claimable. */
    public static Optional<Claim> claim(Sql sql, String module, int limit, int ttlMinutes) {
        if (limit <= 0) {
            return Optional.empty();
        }
        String token = Uuid7.next().toString();
        record Picked(UUID uuid, String sid, OffsetDateTime pendingAt, OffsetDateTime createdAt) {
        }
        List<String> sids = sql.list(CLAIM, r -> new Picked(r.getUUID(0), r.getString(1), r.getOffsetDateTime(2),
                        r.getOffsetDateTime(3)), module, limit, token, ttlMinutes).stream()
                .sorted(Comparator.comparing(Picked::pendingAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Picked::createdAt).thenComparing(Picked::uuid))
                .map(Picked::sid).toList();
        return sids.isEmpty() ? Optional.empty() : Optional.of(new Claim(token, module, sids));
    }

    /**
     * Releases the workflow claim of every row of the module still holding {@code token}; returns how many. The rows
     * are locked in identifier order first ({@link SourceRowLocks}), as every multi-row source writer does: call it
     * inside a transaction, or the locks end with their own statement.
     */
    public static int release(Sql sql, String module, String token) {
        SourceRowLocks.lockClaimedBy(sql, module, token);
        return sql.update("UPDATE source_registry SET workflow_claim_token = NULL, workflow_claimed_at = NULL, "
                + "workflow_claim_expires_at = NULL WHERE project_module = $1 AND workflow_claim_token = $2", module, token);
    }

    /** Locks the listed rows that still hold {@code token} (key order) and returns their identifiers. */
    public static List<String> lockHeld(Sql sql, String module, List<String> sids, String token) {
        return sql.list("SELECT source_identifier FROM source_registry WHERE project_module = $1 "
                        + "AND source_identifier = ANY($2::text[]) AND workflow_claim_token = $3 ORDER BY source_identifier FOR UPDATE",
                r -> r.getString(0), module, sids.toArray(String[]::new), token);
    }

    /** "Already executed": pending flag and claim cleared, fenced by {@code token}. */
    public static int clearPending(Sql sql, String module, List<String> sids, String token) {
        return sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL, "
                        + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                        + "WHERE project_module = $1 AND source_identifier = ANY($2::text[]) AND workflow_claim_token = $3",
                module, sids.toArray(String[]::new), token);
    }
}
