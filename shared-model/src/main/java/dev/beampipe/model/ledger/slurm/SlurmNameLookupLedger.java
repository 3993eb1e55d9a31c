package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.control.LedgerState;
import dev.beampipe.model.ledger.control.SubmissionAbandonment;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.SchedulerState;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.ledger.store.Rfc3339;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code record_slurm_name_lookup} (10-state §5.6, 40-backends §4.9), one transaction bound to the latest
 * {@code intent_persisted} observation: the preconditions (else {@link Rejected}, nothing recorded), the execute jobs
 * locked, the {@code scheduler} evidence observation ({@value SubmissionAbandonment#EVIDENCE_SCHEMA}, id = the lookup
 * id, observed at {@code query_completed_at}) with every payload field, then the effect on the row when
 * {@code canonical_state_mutation_allowed}: {@code exact} adopts the job id through the state patch ({@link StatePatch}:
 * submission {@code uncertain}, so reconcile rule 7 makes the status {@code awaiting_scheduler}; error context cleared;
 * a finished job's state left {@code unknown} — normal polling takes over), {@code not_found} → scheduler {@code unknown} /
 * {@code not_found}, {@code ambiguous} → {@code unknown} / {@code inconsistent_state} with the ids; an {@code exact}
 * after operator abandonment records the job id as evidence and
 * {@code execution.submission_detected_after_abandonment}.
 */
public final class SlurmNameLookupLedger {
    static final String LIVE_LEASE = "status = 'running' AND (lease_expires_at IS NULL OR locked_until IS NULL "
            + "OR GREATEST(lease_expires_at, locked_until) > clock_timestamp())";

    private SlurmNameLookupLedger() {
    }

    /**
     * One lookup. {@code result} is {@code exact|not_found|ambiguous|error}; {@code sources} is
     * {@code {squeue:{status,rows,error}, sacct:{…}}}; {@code exactState/RawState/Reason} describe the matched row.
     */
    public record Lookup(UUID lookupId, UUID executionId, String intentObservationId, String daliugeSessionId,
                         String profileSha256, String targetFingerprint, OffsetDateTime accountingNotBefore,
                         OffsetDateTime queryStartedAt, OffsetDateTime queryCompletedAt, JsonObject sources,
                         boolean queryComplete, String result, List<String> matchedJobIds, String exactState,
                         String exactRawState, String exactReason, String source, boolean retryable, String error) {
    }

    /** A lookup that breaks a precondition: nothing was recorded. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** @param result the recorded result ({@code exact_conflict} when another job id is already persisted) */
    public record Recorded(String result, boolean mutationAllowed, boolean eligibleForAbandonment, boolean adopted) {
    }

    public static Recorded record(Database db, Lookup l) {
        return db.inTransaction(sql -> record(sql, l));
    }

    public static Recorded record(Sql sql, Lookup l) {
        validate(l);
        ExecutionStore.LockedRow locked = ExecutionStore.lock(sql, l.executionId())
                .orElseThrow(() -> new Rejected("execution " + l.executionId() + " does not exist"));
        ExecutionRow row = locked.row();
        if (!"slurm".equals(row.schedulerName()) || !l.daliugeSessionId().equals(row.daliugeSessionId())) {
            throw new Rejected("the execution is not a Slurm submission of DALiuGE session " + l.daliugeSessionId());
        }
        String pinnedSha = locked.profileSnapshot() == null ? null : locked.profileSnapshot().getString("spec_sha256");
        if (pinnedSha != null && !pinnedSha.equals(l.profileSha256())) {
            throw new Rejected("the lookup's profile_sha256 differs from the pinned snapshot's spec_sha256");
        }
        Optional<JsonObject> intent = sql.first("SELECT uuid::text AS id, observed_at, payload->>'target_fingerprint' AS fp "
                + "FROM execution_observations WHERE execution_id = $1 AND kind = 'daliuge_session' "
                + "AND raw_state = 'intent_persisted' ORDER BY observed_at DESC, uuid DESC LIMIT 1", r -> new JsonObject()
                .put("id", r.getString("id")).put("observed_at", r.getOffsetDateTime("observed_at").toInstant().toString())
                .put("fp", r.getString("fp")), l.executionId());
        if (intent.isEmpty() || !intent.get().getString("id").equals(l.intentObservationId())) {
            throw new Rejected("the lookup does not name the latest intent_persisted observation");
        }
        if (!l.accountingNotBefore().toInstant().equals(java.time.Instant.parse(intent.get().getString("observed_at")))) {
            throw new Rejected("accounting_not_before must equal the intent observation's observed_at");
        }
        if (!l.targetFingerprint().equals(intent.get().getString("fp"))) {
            throw new Rejected("submission_target_identity_changed: the lookup's target fingerprint differs from the intent's");
        }
        sql.execute("SELECT uuid FROM jobs WHERE execution_id = $1 AND kind = 'execute' AND status IN ('queued', 'running') "
                + "ORDER BY uuid FOR UPDATE", l.executionId());
        boolean lease = sql.count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND kind = 'execute' AND "
                + LIVE_LEASE, l.executionId()) > 0;
        boolean abandoned = locked.abandoned();
        boolean mutationAllowed = !abandoned && !row.terminal()
                && ("in_flight".equals(row.submissionState()) || "uncertain".equals(row.submissionState()))
                && row.schedulerJobId() == null && locked.physicalGraphSha256() == null && !lease;
        String result = l.result();
        String exactId = "exact".equals(result) ? l.matchedJobIds().get(0) : null;
        if (exactId != null && row.schedulerJobId() != null && !exactId.equals(row.schedulerJobId())) {
            result = "exact_conflict";
        }
        JsonObject sources = l.sources() == null ? new JsonObject() : l.sources();
        boolean sourcesComplete = "ok".equals(sourceStatus(sources, "squeue")) && "ok".equals(sourceStatus(sources, "sacct"));
        boolean eligible = "not_found".equals(result) && l.queryComplete() && sourcesComplete && mutationAllowed
                && locked.profileSnapshot() != null;
        boolean late = abandoned && "exact".equals(result);
        JsonObject payload = new JsonObject()
                .put("schema", SubmissionAbandonment.EVIDENCE_SCHEMA)
                .put("lookup_id", l.lookupId().toString())
                .put("intent_observation_id", l.intentObservationId())
                .put("daliuge_session_id", l.daliugeSessionId())
                .put("profile_sha256", l.profileSha256())
                .put("profile_pinned", locked.profileSnapshot() != null)
                .put("target_fingerprint", l.targetFingerprint())
                .put("accounting_not_before", Rfc3339.utc(l.accountingNotBefore()))
                .put("query_started_at", Rfc3339.utc(l.queryStartedAt()))
                .put("query_completed_at", Rfc3339.utc(l.queryCompletedAt()))
                .put("sources", sources)
                .put("query_complete", l.queryComplete())
                .put("result", result)
                .put("matched_scheduler_job_ids", new JsonArray(List.copyOf(l.matchedJobIds())))
                .put("source", l.source())
                .put("retryable", l.retryable())
                .put("active_execute_lease", lease)
                .put("canonical_state_mutation_allowed", mutationAllowed)
                .put("eligible_for_abandonment", eligible)
                .put("late_after_abandonment", late);
        if (l.error() != null) {
            payload.put("error", l.error());
        }
        sql.update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, reason, "
                        + "payload, source_version, observed_at) VALUES ($1, $2, 'scheduler', $3, $4, $5, $6, $7, $8)",
                l.lookupId(), l.executionId(), normalized(result, l.exactState()), "name_lookup_" + result,
                l.error(), payload, SubmissionAbandonment.EVIDENCE_SCHEMA, l.queryCompletedAt());
        boolean adopted = false;
        OffsetDateTime now = ExecutionStore.clock(sql);
        if ("exact".equals(result) && mutationAllowed) {
            // through the state machine: submission uncertain + the job id → reconcile rule 7 (awaiting_scheduler),
            // with the patch's provenance in this transaction
            ExecutionStore.applyState(sql, l.executionId(), StatePatch.builder()
                    .schedulerJobId(exactId)
                    .schedulerState(SchedulerState.parse(adoptedState(l.exactState())))
                    .schedulerRawState(l.exactRawState())
                    .schedulerReason(l.exactReason())
                    .submissionState(SubmissionState.UNCERTAIN)
                    .clearFailureContext()
                    .lastReconciledAt(now)
                    .build(), l.lookupId().toString());
            adopted = true;
        } else if ("exact".equals(result) && abandoned) {
            // evidence only: the abandoned (terminal) row keeps its status, submission state and error context
            sql.update("UPDATE batch_execution_record SET scheduler_job_id = COALESCE(scheduler_job_id, $2), "
                            + "scheduler_state = $3, scheduler_raw_state = $4, scheduler_reason = $5, "
                            + "last_reconciled_at = $6, updated_at = $6 WHERE uuid = $1",
                    l.executionId(), exactId, adoptedState(l.exactState()), l.exactRawState(), l.exactReason(), now);
            adopted = true;
            LedgerRecords.provenance(sql, "execution.submission_detected_after_abandonment", locked.projectModule(),
                    l.executionId(), "system:submission-reconciler", null, new JsonObject()
                            .put("source", "slurm_name_lookup").put("scheduler_job_id", exactId)
                            .put("lookup_id", l.lookupId().toString()).put("operator_abandonment_preserved", true));
        } else if (mutationAllowed && "not_found".equals(result)) {
            sql.update("UPDATE batch_execution_record SET scheduler_state = 'unknown', failure_class = 'not_found', "
                    + "last_reconciled_at = $2, updated_at = $2 WHERE uuid = $1", l.executionId(), now);
        } else if (mutationAllowed && "ambiguous".equals(result)) {
            sql.update("UPDATE batch_execution_record SET scheduler_state = 'unknown', failure_class = 'inconsistent_state', "
                            + "last_error = $2, last_reconciled_at = $3, updated_at = $3 WHERE uuid = $1", l.executionId(),
                    "Slurm name lookup found several jobs named " + l.daliugeSessionId() + ": "
                            + String.join(", ", l.matchedJobIds()), now);
        }
        return new Recorded(result, mutationAllowed, eligible, adopted);
    }

    /**
     * The scheduler state an adoption writes: the lookup's when the job is still active ({@code pending}/{@code running});
     * otherwise {@code unknown}, so that the next poll — not the lookup — observes the final state and applies its
     * terminal effects (error text, run record, sources) through the one poll path. A settled state written here
     * would drop the execution out of the poll selection with its aggregate status never reconciled.
     */
    static String adoptedState(String lookupState) {
        return "pending".equals(lookupState) || "running".equals(lookupState) ? lookupState : "unknown";
    }

    static void validate(Lookup l) {
        if (blank(l.daliugeSessionId()) || blank(l.profileSha256()) || blank(l.targetFingerprint())) {
            throw new Rejected("a name lookup needs a DALiuGE session id, a profile hash and a target fingerprint");
        }
        if (l.queryCompletedAt().isBefore(l.queryStartedAt())) {
            throw new Rejected("query_completed_at must not be before query_started_at");
        }
        if ("exact".equals(l.result()) && (l.matchedJobIds().size() != 1
                || !LedgerState.exactSlurmJobId(l.matchedJobIds().get(0)))) {
            throw new Rejected("an exact name match needs exactly one job id of ASCII digits");
        }
        if (!List.of("exact", "not_found", "ambiguous", "error").contains(l.result())) {
            throw new Rejected("name lookup result must be exact, not_found, ambiguous or error");
        }
    }

    private static String sourceStatus(JsonObject sources, String name) {
        return sources.getValue(name) instanceof JsonObject o ? o.getString("status") : null;
    }

    private static String normalized(String result, String exactState) {
        return switch (result) {
            case "exact", "exact_conflict" -> Objects.requireNonNullElse(exactState, "unknown");
            default -> "unknown";
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
