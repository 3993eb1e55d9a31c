package dev.beampipe.model.ledger.control;

import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.ledger.store.Rfc3339;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code abandon_slurm_submission} (10-state §5.6), one transaction: the row lock, every execute job locked, the
 * {@link SubmissionAbandonment} checks against the database clock, then the fencing of the execute jobs, the
 * execution failed/inconsistent with the abandonment barrier, the {@code operator_abandoned} observation and
 * {@code execution.submission_abandoned}. A DALiuGE REST row goes through the same transaction with the DIM poll
 * observations as evidence and the DIM base URL as target ({@link SubmissionAbandonment.Backend#DALIUGE_REST}).
 */
public final class SubmissionAbandonmentTransition {
    static final String LIVE_LEASE = "status = 'running' AND (lease_expires_at IS NULL OR locked_until IS NULL "
            + "OR GREATEST(lease_expires_at, locked_until) > clock_timestamp())";
    private final Database db;

    public SubmissionAbandonmentTransition(Database db) {
        this.db = db;
    }

    public UUID abandon(UUID id, SubmissionAbandonment.Request request, String actor, String correlationId) {
        String reason = SubmissionAbandonment.validate(request);
        return db.inTransaction(sql -> abandon(sql, id, request, reason, actor, correlationId));
    }

    private UUID abandon(Sql sql, UUID id, SubmissionAbandonment.Request request, String reason, String actor,
                         String correlationId) {
        LockedExecution ex = LockedExecution.lock(sql, id).orElseThrow(() -> ControlFailure.notFound().rejected());
        sql.execute("SELECT uuid FROM jobs WHERE execution_id = $1 AND kind = 'execute' ORDER BY uuid FOR UPDATE", id);
        boolean liveLease = sql.count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND kind = 'execute' AND "
                + LIVE_LEASE, id) > 0;
        OffsetDateTime latestActivity = sql.first("SELECT max(GREATEST(created_at, updated_at, heartbeat_at, "
                + "lease_expires_at, locked_until)) FROM jobs WHERE execution_id = $1 AND kind = 'execute'",
                r -> r.getOffsetDateTime(0), id).orElse(null);
        OffsetDateTime now = sql.first("SELECT clock_timestamp()", r -> r.getOffsetDateTime(0)).orElseThrow();
        SubmissionAbandonment.Backend backend = SubmissionAbandonment.Backend.of(ex.state().schedulerName());
        boolean rest = backend == SubmissionAbandonment.Backend.DALIUGE_REST;
        String managerUrl = sql.first("SELECT daliuge_manager_url FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id).orElse(null);
        SubmissionAbandonment.Intent intent = sql.first("SELECT uuid, observed_at, payload->>'target_fingerprint' "
                + "FROM execution_observations WHERE execution_id = $1 AND kind = 'daliuge_session' "
                + "AND raw_state = 'intent_persisted' ORDER BY observed_at DESC, uuid DESC LIMIT 1",
                r -> new SubmissionAbandonment.Intent(r.getUUID(0).toString(), r.getOffsetDateTime(1),
                        rest ? managerUrl : r.getString(2)), id)
                .orElse(null);
        List<SubmissionAbandonment.Lookup> lookups = rest ? dimLookups(sql, id, intent) : sql.list("SELECT uuid, "
                        + "observed_at, payload FROM execution_observations "
                        + "WHERE execution_id = $1 AND kind = 'scheduler' AND source_version = $2 "
                        + "ORDER BY observed_at DESC, uuid DESC LIMIT $3",
                SubmissionAbandonmentTransition::lookup, id, SubmissionAbandonment.EVIDENCE_SCHEMA,
                SubmissionAbandonment.MAX_EVIDENCE_ROWS);
        SubmissionAbandonment.Facts facts = new SubmissionAbandonment.Facts(ex.state(), ex.profileSnapshot() != null,
                intent, liveLease, latestActivity, now);
        List<String> evidence = SubmissionAbandonment.check(request, facts, lookups);

        List<Row> held = sql.list("SELECT uuid, lease_owner, lease_token FROM jobs WHERE execution_id = $1 "
                + "AND kind = 'execute' AND status IN ('queued', 'running') AND lease_token IS NOT NULL", r -> r, id);
        for (Row h : held) {
            sql.update("INSERT INTO job_claim_history (uuid, job_id, worker_id, lease_token, event, details) "
                            + "VALUES ($1, $2, $3, $4, 'released', $5)", Uuid7.next(), h.getUUID(0), h.getUUID(1), h.getUUID(2),
                    new JsonObject().put("reason", "operator abandonment of unresolved external submission"));
        }
        List<UUID> fenced = sql.list("UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_token = NULL, "
                        + "lease_expires_at = NULL, locked_until = NULL, heartbeat_at = NULL, "
                        + "failure_class = 'inconsistent_state', "
                        + "last_error = 'fenced after operator abandonment of unresolved external submission', updated_at = now() "
                        + "WHERE execution_id = $1 AND kind = 'execute' AND status IN ('queued', 'running') "
                        + "RETURNING uuid",
                r -> r.getUUID(0), id);
        OffsetDateTime abandonedAt = sql.first("UPDATE batch_execution_record SET status = 'failed', execution_phase = NULL, "
                        + "control_phase = 'terminal', terminal_outcome = 'inconsistent', failure_class = 'inconsistent_state', "
                        + "submission_abandoned_at = clock_timestamp(), last_error = $2, completed_at = COALESCE(completed_at, now()), "
                        + "phase_timestamps = CASE WHEN phase_timestamps ? 'terminal' THEN phase_timestamps "
                        + "ELSE phase_timestamps || jsonb_build_object('terminal', now()) END, updated_at = now() "
                        + "WHERE uuid = $1 RETURNING submission_abandoned_at", r -> r.getOffsetDateTime(0), id,
                "operator abandoned unresolved " + backend.label + " submission after durable negative evidence: " + reason)
                .orElseThrow();
        JsonObject payload = new JsonObject()
                .put("schema", backend.abandonmentSchema)
                .put("reason", reason)
                .put("prior_submission_state", ex.state().submission())
                .put("prior_status", ex.state().status())
                .put("daliuge_session_id", ex.state().daliugeSessionId())
                .put("submission_deadline_at", Rfc3339.utc(ex.state().submissionDeadlineAt()))
                .put("quiet_anchor_at", Rfc3339.utc(facts.quietAnchor()))
                .put("quiet_eligible_at", Rfc3339.utc(facts.quietEligibleAt()))
                .put("intent_observation_id", intent.observationId())
                .put("profile_sha256", ex.profileSnapshot().getString("spec_sha256"))
                .put("target_fingerprint", intent.targetFingerprint())
                .put("evidence_observation_ids", new JsonArray(evidence))
                .put("invalidated_execute_job_ids", new JsonArray(fenced.stream().map(UUID::toString).toList()))
                .put("abandoned_at", Rfc3339.utc(abandonedAt))
                .put("policy", new JsonObject()
                        .put("quiet_grace_seconds", SubmissionAbandonment.QUIET_GRACE.toSeconds())
                        .put("min_negative_lookups", SubmissionAbandonment.MIN_NEGATIVE_LOOKUPS)
                        .put("min_evidence_span_seconds", SubmissionAbandonment.MIN_EVIDENCE_SPAN.toSeconds())
                        .put("max_evidence_age_seconds", SubmissionAbandonment.MAX_EVIDENCE_AGE.toSeconds()));
        if (rest) {
            payload.put("backend", backend.schedulerName).put("daliuge_manager_url", managerUrl);
        }
        LedgerRecords.observation(sql, id, backend.observationKind, backend.observationState, "operator_abandoned",
                reason, payload, backend.abandonmentSchema);
        LedgerRecords.provenance(sql, "execution.submission_abandoned", ex.projectModule(), id, actor, correlationId, payload);
        return id;
    }

    /** Excluded from REST evidence: the intent itself and an abandonment's own observation. */
    static final String DIM_EVIDENCE = "execution_id = $1 AND kind = 'daliuge_session' "
            + "AND COALESCE(raw_state, '') NOT IN ('intent_persisted', 'operator_abandoned')";

    /**
     * The ≤ 500 newest DIM poll observations, plus the newest one since the intent in which the DIM knew the
     * session (a match older than the 500 newest rows still blocks).
     */
    static List<SubmissionAbandonment.Lookup> dimLookups(Sql sql, UUID id, SubmissionAbandonment.Intent intent) {
        String columns = "SELECT uuid, observed_at, normalized_state, raw_state, payload FROM execution_observations WHERE ";
        List<SubmissionAbandonment.Lookup> lookups = new java.util.ArrayList<>(sql.list(columns + DIM_EVIDENCE
                        + " ORDER BY observed_at DESC, uuid DESC LIMIT $2", r -> dimLookup(r, intent), id,
                SubmissionAbandonment.MAX_EVIDENCE_ROWS));
        if (intent != null) {
            sql.first(columns + DIM_EVIDENCE + " AND observed_at >= $2 AND normalized_state <> 'unreachable' "
                            + "AND NOT (normalized_state = 'not_created' AND raw_state IS NOT DISTINCT FROM 'not_found') "
                            + "ORDER BY observed_at DESC, uuid DESC LIMIT 1", r -> dimLookup(r, intent), id, intent.observedAt())
                    .filter(known -> lookups.stream().noneMatch(l -> l.lookupId().equals(known.lookupId())))
                    .ifPresent(lookups::add);
        }
        return lookups;
    }

    static SubmissionAbandonment.Lookup dimLookup(Row r, SubmissionAbandonment.Intent intent) {
        Object raw = r.getValue("payload");
        JsonObject p = raw instanceof JsonObject o ? o : new JsonObject();
        return SubmissionAbandonment.dimLookup(r.getUUID("uuid").toString(), r.getOffsetDateTime("observed_at"),
                r.getString("normalized_state"), r.getString("raw_state"),
                p.getValue("session_id") instanceof String s ? s : null,
                p.getValue("dim_endpoint") instanceof String s ? s : null, intent);
    }

    static SubmissionAbandonment.Lookup lookup(Row r) {
        Object raw = r.getValue("payload");
        JsonObject p = raw instanceof JsonObject o ? o : new JsonObject();
        String lookupId = p.getString("lookup_id", r.getUUID("uuid").toString());
        Object complete = p.getValue("query_complete");
        return new SubmissionAbandonment.Lookup(lookupId, r.getOffsetDateTime("observed_at"),
                p.getValue("result") instanceof String s ? s : null, Boolean.TRUE.equals(complete),
                p.getValue("intent_observation_id") instanceof String s ? s : null,
                p.getValue("target_fingerprint") instanceof String s ? s : null,
                p.getValue("daliuge_session_id") instanceof String s ? s : null);
    }
}
