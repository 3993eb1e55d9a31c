package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The follow-ups of a poll-driven terminal transition ({@code entered_terminal}, 10-state §5.7 last bullets), in the
 * transaction that made the row terminal: the sources' side effect ({@code failed} → {@link SourceOutcomes#repend}
 * with backoff, {@code completed}/{@code not_submitted} → {@link SourceOutcomes#finalizeSuccess},
 * {@code cancelled} → {@link SourceOutcomes#clearPending}) and provenance
 * {@code execution.<status>} {@code {"source_identifiers","status"}}, actor {@code system:execution} (best-effort
 * after commit in the reference; here in the same transaction, so it exists exactly when the transition committed).
 */
public final class TerminalEffects {
    public static final String ACTOR = "system:execution";

    private TerminalEffects() {
    }

    /**
     * @param sourcesChanged    source rows re-pended or cleared; the selection size for a finalization
     * @param signaturesMatched finalization stamped {@code last_executed_discovery_signature} (success only)
     */
    public record Effects(ExecutionStatus status, int sourcesChanged, boolean signaturesMatched) {
    }

    /** Runs the effects when {@code result} entered a terminal status; otherwise does nothing and returns null. */
    public static Effects after(Sql sql, UUID executionId, StatePatch.Result result, String correlationId) {
        if (result == null || !result.enteredTerminal()) {
            return null;
        }
        return entered(sql, executionId, result.row().status(), correlationId);
    }

    /** {@link #after} for a row the caller locked: its pinned selection is used as read (nothing is read again). */
    public static Effects after(Sql sql, ExecutionStore.LockedRow locked, StatePatch.Result result, String correlationId) {
        if (result == null || !result.enteredTerminal()) {
            return null;
        }
        return entered(sql, locked.row().uuid(), SourceOutcomes.of(locked), result.row().status(), correlationId);
    }

    /** @param status the terminal status the execution just entered */
    public static Effects entered(Sql sql, UUID executionId, ExecutionStatus status, String correlationId) {
        return entered(sql, executionId, SourceOutcomes.of(sql, executionId), status, correlationId);
    }

    /** {@link #entered(Sql, UUID, ExecutionStatus, String)} for a row the caller locked. */
    public static Effects entered(Sql sql, ExecutionStore.LockedRow locked, ExecutionStatus status, String correlationId) {
        return entered(sql, locked.row().uuid(), SourceOutcomes.of(locked), status, correlationId);
    }

    private static Effects entered(Sql sql, UUID executionId, SourceOutcomes.Selection selection, ExecutionStatus status,
                                   String correlationId) {
        if (!status.terminal()) {
            throw new IllegalArgumentException("terminal effects need a terminal status, not " + status.wire());
        }
        int changed = 0;
        boolean matched = false;
        switch (status) {
            case FAILED -> changed = SourceOutcomes.repend(sql, selection);
            case COMPLETED, NOT_SUBMITTED -> {
                matched = SourceOutcomes.finalizeSuccess(sql, selection);
                changed = selection.sourceIdentifiers().size();
            }
            case CANCELLED -> changed = SourceOutcomes.clearPending(sql, selection);
            default -> throw new IllegalStateException("unreachable: " + status);
        }
        LedgerRecords.provenance(sql, "execution." + status.wire(), selection.projectModule(),
                executionId, ACTOR, correlationId, new JsonObject()
                        .put("source_identifiers", new JsonArray(selection.sourceIdentifiers()))
                        .put("status", status.wire()));
        return new Effects(status, changed, matched);
    }

    public static Effects entered(Sql sql, UUID executionId, ExecutionStatus status) {
        return entered(sql, executionId, status, null);
    }
}
