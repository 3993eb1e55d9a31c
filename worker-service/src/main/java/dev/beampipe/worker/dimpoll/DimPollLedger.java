package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.outcome.TerminalEffects;
import dev.beampipe.model.ledger.state.Axes;
import dev.beampipe.model.ledger.state.ControlPhase;
import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.state.LedgerPatch;
import dev.beampipe.model.ledger.state.OutputState;
import dev.beampipe.model.ledger.state.ProvenanceEvent;
import dev.beampipe.model.ledger.state.SchedulerState;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one poll outcome to its execution in ONE row-locked transaction (40-backends §3.9–§3.11, 10-state §2.4,
 * §5.4, §5.7): the {@code daliuge_session} observation (appended even to a terminal row), then — unless the row is
 * already terminal (stickiness), no longer holds the polled session, or DALiuGE already settled on it (a stale
 * answer) — the state patch ({@code daliuge_state}, raw summary, control phase
 * {@code monitoring}/{@code output_verification}, failure context) reconciled to the aggregate status, the run-record
 * merges made from the locked row, the round budget ({@code DIM poll timeout}), the mismatch provenance, and the
 * poll-driven terminal effects on the sources. Because the row lock serialises concurrent pollers, exactly one of
 * them sees {@code enteredTerminal}.
 */
public final class DimPollLedger {
    private final Database db;

    public DimPollLedger(Database db) {
        this.db = db;
    }

    public enum Effect {
        /** the execution does not exist */
        MISSING,
        /** the row was already terminal: only the observation was appended */
        IGNORED_TERMINAL,
        /**
         * the row no longer holds the polled session, or DALiuGE already settled on it ({@code daliuge_state}
         * finished, failed or cancelled): a stale or duplicate poll, only the observation was appended
         */
        IGNORED_STALE,
        /** a session observation was applied */
        OBSERVED,
        /** a poll error was recorded (never terminalizes) */
        ERROR_RECORDED
    }

    /**
     * @param round          {@code dim_poll.round} after the poll
     * @param timedOut       this poll exhausted the round budget and failed the execution
     * @param followUp       the execution still needs polling (not terminal, not waiting for output verification)
     */
    public record Applied(Effect effect, ExecutionStatus status, boolean enteredTerminal, int round, boolean timedOut,
                          boolean followUp, String projectModule) {
    }

    public Applied apply(DimPollTarget target, PollOutcome outcome, String correlationId) {
        return db.inTransaction(sql -> apply(sql, target, outcome, correlationId));
    }

    public static Applied apply(Sql sql, DimPollTarget target, PollOutcome outcome, String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, target.executionId());
        if (locked.isEmpty()) {
            return new Applied(Effect.MISSING, null, false, 0, false, false, null);
        }
        ExecutionRow row = locked.get().row();
        String module = locked.get().projectModule();
        boolean detectedAfterAbandonment = row.terminal() && outcome instanceof PollOutcome.Observed o && !o.dryRun()
                && abandoned(sql, row);
        observe(sql, target, outcome, row, detectedAfterAbandonment);
        JsonObject manifest = row.workflowManifest();
        int round = DimRunRecord.round(manifest);
        if (row.terminal()) {
            if (detectedAfterAbandonment) {
                detectedAfterAbandonment(sql, row, module, target, (PollOutcome.Observed) outcome, correlationId);
            }
            return new Applied(Effect.IGNORED_TERMINAL, row.status(), false, round, false, false, module);
        }
        if (stale(row, outcome)) {
            return new Applied(Effect.IGNORED_STALE, row.status(), false, round, false, false, module);
        }
        OffsetDateTime now = ExecutionStore.clock(sql);
        DaliugeState daliuge = DaliugeState.parse(outcome.ledgerState());
        StatePatch.Builder patch = StatePatch.builder().daliugeState(daliuge).lastReconciledAt(now);
        if (outcome instanceof PollOutcome.Observed o) {
            patch.daliugeRawStatus(o.summary()).clearFailureContext().controlPhase(controlPhase(row.axes(), daliuge));
        } else if (outcome instanceof PollOutcome.Failed f) {
            patch.failureClass(f.failureClass()).lastError(f.error());
        }
        StatePatch.Result state = StatePatch.apply(row, patch.build(), now);
        ExecutionRow next = state.row();
        List<ProvenanceEvent> events = new ArrayList<>(state.provenance());
        boolean entered = state.enteredTerminal();
        boolean timedOut = false;

        if (outcome instanceof PollOutcome.Observed o) {
            manifest = DimRunRecord.lastObservation(manifest, o.sessionState(), o.observedAt());
            if (o.terminal()) {
                String failedError = "failed".equals(o.result().executionStatus())
                        ? (o.result().errorDropUids().isEmpty() ? "DALiuGE session " + o.sessionState()
                        : "DALiuGE session finished with " + o.result().errorDropUids().size() + " error drop(s)") : null;
                manifest = DimRunRecord.terminal(manifest, new DimRunRecord.Terminal(o.sessionId(),
                        o.sessionState(), o.observedAt(), o.result().errorDropUids().size(), failedError,
                        next.terminal() ? next.status().wire() : null));
                if (failedError != null && target.endpoint() != null) {
                    manifest = DimRunRecord.logsUrl(manifest, target.endpoint(), o.sessionId());
                }
                if (failedError != null && next.terminal() && next.lastError() == null) {
                    next = next.toBuilder().lastError(failedError).build();
                }
            } else {
                round += 1;
                manifest = DimRunRecord.withRound(manifest, round, o.observedAt());
                timedOut = round >= target.maxRounds() && !next.terminal();
            }
        }
        next = next.toBuilder().workflowManifest(manifest).build();
        if (timedOut) {
            LedgerPatch.Result failed = LedgerPatch.apply(next.toBuilder().failureClass(FailureClass.TIMEOUT).build(),
                    LedgerPatch.toStatus(ExecutionStatus.FAILED).withError(DimRunRecord.POLL_TIMEOUT_ERROR)
                            .withWorkflowManifest(DimRunRecord.pollTimeout(manifest, now.toInstant())),
                    correlationId, now);
            next = failed.row();
            events.addAll(failed.provenance());
            entered = failed.statusChanged() && next.terminal();
        }
        ExecutionStore.write(sql, next);
        for (ProvenanceEvent e : events) {
            if (repeatsLatestMismatch(sql, row, e)) {
                continue;
            }
            LedgerRecords.provenance(sql, e.eventType(), module, row.uuid(), e.actor(),
                    e.correlationId() != null ? e.correlationId() : correlationId, e.payload());
        }
        if (entered) {
            TerminalEffects.entered(sql, row.uuid(), next.status(), correlationId);
        }
        boolean followUp = !next.terminal() && !(outcome instanceof PollOutcome.Observed o && o.terminal());
        return new Applied(outcome instanceof PollOutcome.Observed ? Effect.OBSERVED : Effect.ERROR_RECORDED,
                next.status(), entered, round, timedOut, followUp, module);
    }

    /**
     * Overlapping pollers (two ticks, a tick and a late {@code dim_poll}) can apply in any order: an answer about a
     * session the row no longer holds, or any answer once DALiuGE settled (a stale RUNNING after FINISHED would
     * otherwise move a row waiting in {@code output_verification} back to {@code monitoring}), is evidence only.
     */
    static boolean stale(ExecutionRow row, PollOutcome outcome) {
        return !java.util.Objects.equals(row.daliugeSessionId(), outcome.sessionId())
                || SETTLED.contains(row.daliugeState());
    }

    private static final java.util.Set<String> SETTLED = java.util.Set.of("finished", "failed", "cancelled");

    private static boolean unconfirmed(ExecutionRow row) {
        return "in_flight".equals(row.submissionState()) || "uncertain".equals(row.submissionState());
    }

    /**
     * {@code output_verification} when DALiuGE finished, the scheduler axis is {@code succeeded} or
     * {@code not_submitted}, and verification is required but not yet {@code verified}; otherwise {@code monitoring}.
     */
    static ControlPhase controlPhase(Axes axes, DaliugeState daliuge) {
        boolean schedulerDone = axes.scheduler() == SchedulerState.SUCCEEDED || axes.scheduler() == SchedulerState.NOT_SUBMITTED;
        return daliuge == DaliugeState.FINISHED && schedulerDone && axes.outputVerificationRequired()
                && axes.output() != OutputState.VERIFIED ? ControlPhase.OUTPUT_VERIFICATION : ControlPhase.MONITORING;
    }

    /**
     * A poll repeats the same contradiction every few seconds while it lasts (an uncertain submission is
     * {@code submission_outcome_uncertain} on every poll): the mismatch is recorded when it first appears or when
     * its code or the axes it reports change, not once per poll.
     */
    static boolean repeatsLatestMismatch(Sql sql, ExecutionRow row, ProvenanceEvent e) {
        if (!"execution.reconciliation_mismatch".equals(e.eventType())) {
            return false;
        }
        return sql.first("SELECT payload FROM provenance_events WHERE execution_id = $1 "
                        + "AND event_type = 'execution.reconciliation_mismatch' ORDER BY occurred_at DESC, id DESC LIMIT 1",
                r -> r.getValue(0), row.uuid())
                .filter(p -> p instanceof JsonObject latest && same(latest, e.payload(), "code")
                        && same(latest, e.payload(), "scheduler_state") && same(latest, e.payload(), "daliuge_state"))
                .isPresent();
    }

    private static boolean same(JsonObject a, JsonObject b, String key) {
        return java.util.Objects.equals(a.getValue(key), b.getValue(key));
    }

    static boolean abandoned(Sql sql, ExecutionRow row) {
        return sql.first("SELECT submission_abandoned_at IS NOT NULL FROM batch_execution_record WHERE uuid = $1",
                r -> r.getBoolean(0), row.uuid()).orElse(false);
    }

    /**
     * The DIM knows the session of an operator-abandoned submission (a poll already under way when the abandonment
     * committed, or a {@code dim_poll} round): evidence only — the row stays {@code failed}/{@code inconsistent} —
     * and {@code execution.submission_detected_after_abandonment} once per execution (10-state §5.6 "Afterwards").
     */
    private static void detectedAfterAbandonment(Sql sql, ExecutionRow row, String module, DimPollTarget target,
                                                 PollOutcome.Observed o, String correlationId) {
        if (sql.count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_detected_after_abandonment'", row.uuid()) > 0) {
            return;
        }
        LedgerRecords.provenance(sql, "execution.submission_detected_after_abandonment", module, row.uuid(),
                "system:submission-reconciler", correlationId, new JsonObject()
                        .put("source", "dim_poll")
                        .put("daliuge_session_id", o.sessionId())
                        .put("dim_endpoint", target.endpoint())
                        .put("session_state", o.sessionState())
                        .put("observed_at", DimRunRecord.timestamp(o.observedAt()))
                        .put("status", row.status().wire())
                        .put("submission_state", row.submissionState())
                        .put("operator_abandonment_preserved", true));
    }

    /**
     * The observation of every poll; its payload names the DIM that answered ({@code dim_endpoint}), which binds a
     * {@code not_found} to the endpoint of the REST abandonment evidence.
     */
    private static void observe(Sql sql, DimPollTarget target, PollOutcome outcome, ExecutionRow row,
                                boolean afterAbandonment) {
        if (outcome instanceof PollOutcome.Observed o) {
            String reason = o.dryRun() ? "dry run: nothing was sent to the DIM"
                    : afterAbandonment ? "the DIM knows the session of an operator-abandoned submission; "
                    + "recorded as evidence only"
                    : unconfirmed(row) ? "the DIM knows the session of an unconfirmed submission ("
                    + row.submissionState() + "); observed without recording a receipt" : null;
            LedgerRecords.observation(sql, target.executionId(), PollOutcome.OBSERVATION_KIND, o.ledgerState(),
                    o.result().status().state().name(), reason, withEndpoint(o.summary(), target), null);
        } else if (outcome instanceof PollOutcome.Failed f) {
            LedgerRecords.observation(sql, target.executionId(), PollOutcome.OBSERVATION_KIND, f.ledgerState(),
                    f.errorKind(), f.error(), withEndpoint(f.payload(), target), null);
        }
    }

    private static JsonObject withEndpoint(JsonObject payload, DimPollTarget target) {
        return target.endpoint() == null ? payload : payload.put("dim_endpoint", target.endpoint());
    }
}
