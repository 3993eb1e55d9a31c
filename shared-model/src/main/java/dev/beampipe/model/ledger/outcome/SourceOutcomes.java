package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.sources.SourceBackoff;
import dev.beampipe.model.sources.SourceRowLocks;
import io.vertx.mutiny.sqlclient.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an execution's end does to its sources in {@code source_registry} (10-state §2.1, §5.7), always in the
 * caller's transaction and under row locks of the sources (taken in identifier order, after the execution row):
 * <ul>
 *   <li>{@link #finalizeSuccess} — {@code completed} / {@code not_submitted};</li>
 *   <li>{@link #repend} — {@code failed}: pending again with a failure counter and {@link SourceBackoff};</li>
 *   <li>{@link #clearPending} — {@code cancelled}.</li>
 * </ul>
 */
public final class SourceOutcomes {
    private SourceOutcomes() {
    }

    /** The execution's pinned selection: its project, source identifiers and combined admission signature. */
    public record Selection(String projectModule, List<String> sourceIdentifiers, String discoverySignature) {
        public Selection {
            sourceIdentifiers = List.copyOf(sourceIdentifiers);
        }

        String[] identifiers() {
            return sourceIdentifiers.toArray(String[]::new);
        }
    }

    /** The selection of a row the caller has locked (nothing is read again). */
    public static Selection of(ExecutionStore.LockedRow locked) {
        return new Selection(locked.projectModule(), locked.sourceIdentifiers(), locked.discoverySignature());
    }

    /** The selection of execution {@code id}; empty selection when the execution does not exist. */
    public static Selection of(Sql sql, UUID id) {
        return ExecutionStore.read(sql, id).map(SourceOutcomes::of).orElseGet(() -> new Selection("", List.of(), null));
    }

    /**
     * Source finalization on success (10-state §5.7): when every selected source still exists with a non-NULL
     * signature and their combined signature equals the execution's, pending and claims are cleared and
     * {@code last_executed_discovery_signature} is stamped with each source's own {@code discovery_signature} (the value
     * admission's "already executed" check compares it with, 10-state §2.2); otherwise the sources are forced pending again
     * ({@code workflow_run_pending_at} kept when set, newer claims left alone). Either way the execution-failure
     * counter and backoff are reset: the sources just ran successfully. Returns true when the signatures matched.
     */
    public static boolean finalizeSuccess(Sql sql, Selection s) {
        String[] sources = s.identifiers();
        Map<String, String> signatures = new LinkedHashMap<>();
        for (Row r : SourceRowLocks.lock(sql, s.projectModule(), s.sourceIdentifiers(), "discovery_signature")) {
            if (r.getString(1) != null) {
                signatures.put(r.getString(0), r.getString(1));
            }
        }
        boolean match = sources.length > 0 && signatures.size() == sources.length && s.discoverySignature() != null
                && ExecutionSignature.combined(signatures).map(s.discoverySignature()::equals).orElse(false);
        if (match) {
            sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL, "
                    + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL, "
                    + "last_executed_discovery_signature = discovery_signature, consecutive_failures = 0, next_admission_at = NULL "
                    + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])",
                    s.projectModule(), sources);
        } else {
            sql.update("UPDATE source_registry SET workflow_run_pending = true, "
                    + "workflow_run_pending_at = COALESCE(workflow_run_pending_at, now()), "
                    + "consecutive_failures = 0, next_admission_at = NULL "
                    + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])", s.projectModule(), sources);
        }
        return match;
    }

    /**
     * Re-pend after a failed execution (10-state §2.1; decision 3): pending since now, workflow claim cleared,
     * {@code consecutive_failures + 1} and {@code next_admission_at = now() + SourceBackoff.delay(n)}.
     * {@code last_executed_discovery_signature} is untouched. Returns the number of source rows re-pended.
     */
    public static int repend(Sql sql, Selection s) {
        SourceRowLocks.lock(sql, s.projectModule(), s.sourceIdentifiers());
        return sql.update("UPDATE source_registry SET workflow_run_pending = true, workflow_run_pending_at = now(), "
                + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL, "
                + "consecutive_failures = consecutive_failures + 1, "
                + "next_admission_at = now() + " + SourceBackoff.sqlDelay("consecutive_failures + 1") + " "
                + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])", s.projectModule(), s.identifiers());
    }

    /** A cancelled execution's sources: pending and workflow claim cleared (counter untouched). Returns the rows changed. */
    public static int clearPending(Sql sql, Selection s) {
        SourceRowLocks.lock(sql, s.projectModule(), s.sourceIdentifiers());
        return sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL, "
                + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])", s.projectModule(), s.identifiers());
    }

    public static boolean finalizeSuccess(Sql sql, UUID executionId) {
        return finalizeSuccess(sql, of(sql, executionId));
    }

    public static int repend(Sql sql, UUID executionId) {
        return repend(sql, of(sql, executionId));
    }

    public static int clearPending(Sql sql, UUID executionId) {
        return clearPending(sql, of(sql, executionId));
    }
}
