package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.outcome.TerminalEffects;
import dev.beampipe.model.ledger.state.Axes;
import dev.beampipe.model.ledger.state.ControlPhase;
import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.OutputState;
import dev.beampipe.model.ledger.state.ProvenanceEvent;
import dev.beampipe.model.ledger.state.SchedulerState;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.slurm.protocol.FailureText;
import dev.beampipe.model.slurm.protocol.SlurmState;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one Slurm poll outcome to its execution in ONE row-locked transaction (40-backends §4.8, §8.3, 10-state
 * §5.4): the {@code scheduler} observation (appended even to a terminal row), then — unless the row is already
 * terminal, no longer holds the polled job id, or its scheduler state already settled — the scheduler axis
 * ({@code scheduler_state/raw_state/reason}; {@code COMPLETED} also infers DALiuGE {@code finished}) reconciled to
 * the aggregate status ({@code completed}, or {@code running} in {@code output_verification} when the pinned policy
 * requires it; {@code failed} with the §4.8 text; {@code cancelled}), the run-record merges made from the locked row
 * ({@code slurm.last_observation}, {@code slurm.terminal} frozen per composite id), the round counter and the
 * one-time operator escalation at the budget (never terminal), and the terminal effects on the sources once. A poll
 * error records the failure context and advances the round; the scheduler state is preserved.
 */
public final class SlurmPollLedger {
    public static final int DEFAULT_MAX_ROUNDS = 480;
    private static final Set<String> SETTLED = Set.of("succeeded", "failed", "cancelled", "timed_out");

    private SlurmPollLedger() {
    }

    public enum Effect {
        MISSING,
        /** the row was already terminal: only the observation was appended */
        IGNORED_TERMINAL,
        /** the row no longer holds the polled job id, or its scheduler state already settled */
        IGNORED_STALE,
        OBSERVED,
        ERROR_RECORDED
    }

    /** @param escalated this poll recorded the one-time operator escalation */
    public record Applied(Effect effect, ExecutionStatus status, boolean enteredTerminal, int round, boolean escalated,
                          String projectModule) {
    }

    public static Applied apply(Database db, UUID executionId, int maxRounds, SlurmPollOutcome outcome,
                                String correlationId) {
        return db.inTransaction(sql -> apply(sql, executionId, maxRounds, outcome, correlationId));
    }

    public static Applied apply(Sql sql, UUID executionId, int maxRounds, SlurmPollOutcome outcome, String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, executionId);
        if (locked.isEmpty()) {
            return new Applied(Effect.MISSING, null, false, 0, false, null);
        }
        ExecutionRow row = locked.get().row();
        String module = locked.get().projectModule();
        observe(sql, executionId, outcome);
        JsonObject manifest = row.workflowManifest();
        int round = SlurmRunRecord.round(manifest);
        if (row.terminal()) {
            return new Applied(Effect.IGNORED_TERMINAL, row.status(), false, round, false, module);
        }
        if (!Objects.equals(row.schedulerJobId(), outcome.jobId()) || SETTLED.contains(row.schedulerState())) {
            return new Applied(Effect.IGNORED_STALE, row.status(), false, round, false, module);
        }
        OffsetDateTime now = ExecutionStore.clock(sql);
        String sessionDir = row.remoteSessionDir() != null ? row.remoteSessionDir() : SlurmRunRecord.sessionDir(manifest);
        StatePatch.Builder patch = StatePatch.builder().lastReconciledAt(now);
        boolean terminalObservation = false;
        String escalationReason;
        if (outcome instanceof SlurmPollOutcome.Observed o) {
            SlurmState state = o.state();
            terminalObservation = state.terminal();
            patch.schedulerState(SchedulerState.parse(state.schedulerState()))
                    .schedulerRawState(o.observation().rawState() == null || o.observation().rawState().isEmpty()
                            ? state.name() : o.observation().rawState());
            if (o.observation().reason() != null) {
                patch.schedulerReason(o.observation().reason());
            }
            if (state == SlurmState.COMPLETED) {
                patch.daliugeState(DaliugeState.FINISHED).clearFailureContext()
                        .controlPhase(completedPhase(row.axes()));
            } else if (state == SlurmState.FAILED || state == SlurmState.TIMEOUT) {
                patch.lastError(FailureText.poll(o.jobId(), o.observation(), sessionDir));
            } else if (!terminalObservation) {
                patch.controlPhase(ControlPhase.MONITORING).clearFailureContext();
            }
            escalationReason = state == SlurmState.UNKNOWN ? "scheduler_state_unknown" : "scheduler_job_still_active";
        } else {
            SlurmPollOutcome.Failed f = (SlurmPollOutcome.Failed) outcome;
            patch.failureClass(f.failureClass()).lastError(f.error());
            escalationReason = "scheduler_poll_error";
        }
        StatePatch.Result state = StatePatch.apply(row, patch.build(), now);
        ExecutionRow next = state.row();
        List<ProvenanceEvent> events = new ArrayList<>(state.provenance());
        boolean escalated = false;
        if (outcome instanceof SlurmPollOutcome.Observed o) {
            SlurmRunRecord.Observation observation = new SlurmRunRecord.Observation(o.jobId(), o.state().name(),
                    o.observation().source(), o.observedAt(), o.observation().exitCode(), o.observation().rawLine());
            manifest = SlurmRunRecord.lastObservation(manifest, observation, sessionDir);
            if (terminalObservation) {
                String reason = o.state() == SlurmState.COMPLETED ? null : FailureText.terminalReason(o.state());
                String stderr = o.state() == SlurmState.COMPLETED || sessionDir == null ? null
                        : FailureText.stderrPath(o.jobId(), sessionDir);
                String composite = SlurmRunRecord.compositeId(manifest);
                manifest = SlurmRunRecord.terminal(manifest, new SlurmRunRecord.Terminal(observation,
                        composite != null ? composite : row.daliugeSessionId() + ":" + o.jobId()
                                + (sessionDir == null ? "" : "|" + sessionDir),
                        reason, stderr, next.terminal() ? next.status().wire() : null));
            }
        }
        if (!terminalObservation) {
            round += 1;
            manifest = SlurmRunRecord.withRound(manifest, round, outcome.observedAt());
            if (round >= maxRounds && !SlurmRunRecord.escalated(manifest)) {
                manifest = SlurmRunRecord.escalation(manifest, escalationReason, round, maxRounds, now.toInstant());
                LedgerRecords.observation(sql, executionId, SlurmPollOutcome.OBSERVATION_KIND,
                        row.schedulerState() == null ? "unknown" : row.schedulerState(), "poll_budget_escalation",
                        escalationReason, new JsonObject().put("reason", escalationReason).put("round", round)
                                .put("max_rounds", maxRounds).put("slurm_job_id", outcome.jobId())
                                .put("operator_action_required", true).put("terminalized", false), null);
                escalated = true;
            }
        }
        next = next.toBuilder().workflowManifest(manifest).build();
        ExecutionStore.write(sql, next);
        for (ProvenanceEvent e : events) {
            LedgerRecords.provenance(sql, e.eventType(), module, row.uuid(), e.actor(),
                    e.correlationId() != null ? e.correlationId() : correlationId, e.payload());
        }
        if (state.enteredTerminal()) {
            TerminalEffects.entered(sql, row.uuid(), next.status(), correlationId);
        }
        return new Applied(outcome instanceof SlurmPollOutcome.Observed ? Effect.OBSERVED : Effect.ERROR_RECORDED,
                next.status(), state.enteredTerminal(), round, escalated, module);
    }

    /** {@code output_verification} when the pinned policy requires verification not yet done, else {@code monitoring}. */
    static ControlPhase completedPhase(Axes axes) {
        return axes.outputVerificationRequired() && axes.output() != OutputState.VERIFIED
                ? ControlPhase.OUTPUT_VERIFICATION : ControlPhase.MONITORING;
    }

    private static void observe(Sql sql, UUID executionId, SlurmPollOutcome outcome) {
        if (outcome instanceof SlurmPollOutcome.Observed o) {
            LedgerRecords.observation(sql, executionId, SlurmPollOutcome.OBSERVATION_KIND, o.state().schedulerState(),
                    o.observation().rawState(), o.dryRun() ? "dry run: nothing was sent to Slurm" : o.observation().reason(),
                    o.payload(), null);
        } else if (outcome instanceof SlurmPollOutcome.Failed f) {
            LedgerRecords.observation(sql, executionId, SlurmPollOutcome.OBSERVATION_KIND, "unknown", f.errorKind(),
                    f.error(), f.payload(), null);
        }
    }
}
