package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Write path 1, the ledger patch ({@code apply_execution_patch[_with_correlation]}, 10-state §2.3). A {@code null}
 * field leaves the column alone. The status change is validated by {@code allows}; a change away from a locked
 * terminal status ({@code completed}, {@code cancelled}) is silently dropped while the rest of the patch applies.
 * Do not merge with {@link StatePatch}: the two writers have different rules on purpose (§8.2 item 16).
 */
public record LedgerPatch(ExecutionStatus status, String schedulerName, String schedulerJobId,
                          JsonObject workflowManifest, String error, PhaseChange executionPhase, boolean clearError) {

    public static final String ACTOR = "system:execution";

    public LedgerPatch {
        executionPhase = executionPhase == null ? PhaseChange.KEEP : executionPhase;
    }

    public static LedgerPatch empty() {
        return new LedgerPatch(null, null, null, null, null, PhaseChange.KEEP, false);
    }

    public static LedgerPatch toStatus(ExecutionStatus status) {
        return empty().withStatus(status);
    }

    public LedgerPatch withStatus(ExecutionStatus v) {
        return new LedgerPatch(v, schedulerName, schedulerJobId, workflowManifest, error, executionPhase, clearError);
    }

    public LedgerPatch withScheduler(String name, String jobId) {
        return new LedgerPatch(status, name, jobId, workflowManifest, error, executionPhase, clearError);
    }

    public LedgerPatch withWorkflowManifest(JsonObject v) {
        return new LedgerPatch(status, schedulerName, schedulerJobId, v, error, executionPhase, clearError);
    }

    public LedgerPatch withError(String v) {
        return new LedgerPatch(status, schedulerName, schedulerJobId, workflowManifest, v, executionPhase, clearError);
    }

    public LedgerPatch withPhase(PhaseChange v) {
        return new LedgerPatch(status, schedulerName, schedulerJobId, workflowManifest, error, v, clearError);
    }

    public LedgerPatch clearingError() {
        return new LedgerPatch(status, schedulerName, schedulerJobId, workflowManifest, error, executionPhase, true);
    }

    /**
     * @param statusChanged   the stored status changed
     * @param statusDropped   a change away from a locked terminal status was silently ignored
     * @param provenance      the transactional provenance rows to insert with the update
     */
    public record Result(ExecutionRow row, ExecutionStatus previousStatus, boolean statusChanged, boolean statusDropped,
                         List<ProvenanceEvent> provenance) {
    }

    /**
     * Applies the patch to the locked row.
     *
     * @param correlationId the caller's correlation id; {@code null} means the execution id
     * @throws LedgerRuleViolation {@code invalid_status_transition} for a transition {@code allows} refuses, or
     *                             {@code required_output_completion_unverified} for {@code completed} on a row
     *                             whose required outputs are not verified (the database CHECK would refuse it)
     */
    public static Result apply(ExecutionRow row, LedgerPatch patch, String correlationId, OffsetDateTime now) {
        Objects.requireNonNull(now, "now");
        ExecutionStatus from = row.status();
        ExecutionStatus to = patch.status() == null ? from : patch.status();
        boolean dropped = false;
        if (to != from) {
            if (from.lockedTerminal()) {
                dropped = true;
                to = from;
            } else if (!ExecutionStatus.allows(from, to)) {
                throw LedgerRuleViolation.invalidTransition(from, to);
            }
        }
        boolean changed = to != from;
        if (changed && to == ExecutionStatus.COMPLETED && row.outputVerificationRequired()
                && OutputState.parse(row.outputState()) != OutputState.VERIFIED) {
            throw new LedgerRuleViolation("required_output_completion_unverified", "execution " + row.uuid()
                    + " requires output verification; it completes only through verify_execution_outputs");
        }

        ExecutionRow.Builder b = row.toBuilder().updatedAt(now);
        if (patch.schedulerName() != null) {
            b.schedulerName(patch.schedulerName());
        }
        if (patch.schedulerJobId() != null) {
            b.schedulerJobId(patch.schedulerJobId());
        }
        if (patch.workflowManifest() != null) {
            b.workflowManifest(patch.workflowManifest());
        }
        ExecutionPhase phase = patch.executionPhase().applyTo(row.executionPhase());
        if (changed && to.terminal() && !patch.executionPhase().present()) {
            phase = null;
        }
        b.executionPhase(phase);

        String lastError = patch.clearError() ? null : row.lastError();
        if (changed) {
            boolean resumed = (from == ExecutionStatus.FAILED || from == ExecutionStatus.RETRYING)
                    && (to == ExecutionStatus.RUNNING || to == ExecutionStatus.RETRYING);
            if (resumed || to == ExecutionStatus.COMPLETED) {
                lastError = null;
            }
            b.status(to);
            if (to == ExecutionStatus.RUNNING && row.startedAt() == null) {
                b.startedAt(now);
            }
            if (from == ExecutionStatus.FAILED && to == ExecutionStatus.RETRYING) {
                b.retryCount(row.retryCount() + 1);
            }
            if (to.terminal()) {
                if (row.completedAt() == null) {
                    b.completedAt(now);
                }
                b.controlPhase(ControlPhase.TERMINAL).phaseTimestampIfAbsent(ControlPhase.TERMINAL.wire(), now);
                TerminalOutcome outcome = switch (to) {
                    case COMPLETED -> TerminalOutcome.SUCCEEDED;
                    case FAILED -> TerminalOutcome.FAILED;
                    case CANCELLED -> TerminalOutcome.CANCELLED;
                    default -> null; // not_submitted leaves the outcome alone
                };
                if (outcome != null && row.terminalOutcome() == null) {
                    b.terminalOutcome(outcome);
                }
            }
        }
        if (patch.error() != null) {
            lastError = patch.error();
        }
        b.lastError(lastError);

        List<ProvenanceEvent> events = new ArrayList<>();
        if (!dropped) {
            String correlation = correlationId == null ? row.uuid().toString() : correlationId;
            if (changed && (to == ExecutionStatus.RUNNING || to == ExecutionStatus.AWAITING_SCHEDULER)) {
                events.add(new ProvenanceEvent("execution." + to.wire(), ACTOR, correlation,
                        new JsonObject().put("from_status", from.wire()).put("to_status", to.wire())));
            }
            if (phase == ExecutionPhase.SUBMIT && row.executionPhase() != ExecutionPhase.SUBMIT) {
                events.add(new ProvenanceEvent("execution.execute_started", ACTOR, correlation,
                        new JsonObject().put("execution_phase", ExecutionPhase.SUBMIT.wire())));
            }
        }
        return new Result(b.build(), from, changed, dropped, List.copyOf(events));
    }
}
