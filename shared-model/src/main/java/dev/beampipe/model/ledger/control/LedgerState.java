package dev.beampipe.model.ledger.control;

import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.Axes;
import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.OutputState;
import dev.beampipe.model.ledger.state.SchedulerState;
import dev.beampipe.model.ledger.state.SubmissionState;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** The columns of one {@code batch_execution_record} row that the control rules read (10-state §1.2, §2.3–2.9). */
public record LedgerState(
        String status,
        String executionPhase,
        String controlPhase,
        String submissionState,
        String schedulerName,
        String schedulerJobId,
        String schedulerState,
        String daliugeSessionId,
        String daliugeState,
        String outputState,
        boolean outputVerificationRequired,
        String terminalOutcome,
        boolean manifestPresent,
        OffsetDateTime submissionDeadlineAt,
        OffsetDateTime submissionAbandonedAt) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public boolean terminal() {
        return ExecutionStatus.find(status).map(ExecutionStatus::terminal).orElse(false);
    }

    /** One of the eight statuses (the column's CHECK constraint); false for anything else. */
    public boolean knownStatus() {
        return ExecutionStatus.find(status).isPresent();
    }

    /** Unknown or NULL axis text reads as the axis default (10-state §2.4). */
    public String submission() {
        return submissionState == null ? "not_started" : submissionState;
    }

    public String scheduler() {
        return schedulerState == null ? "not_submitted" : schedulerState;
    }

    public String daliuge() {
        return daliugeState == null ? "not_created" : daliugeState;
    }

    /** The axes {@code reconcile()} reads (dev.beampipe.model.ledger.state), unknown/NULL text as the default. */
    public Axes axes() {
        return new Axes(SubmissionState.parse(submissionState), SchedulerState.parse(schedulerState),
                DaliugeState.parse(daliugeState), OutputState.parse(outputState), outputVerificationRequired);
    }

    public static boolean exactSlurmJobId(String id) {
        return id != null && DIGITS.matcher(id).matches();
    }

    /** An uncertain Slurm submission whose exact job id was recovered by the name lookup (10-state §2.5). */
    public boolean recoveredUncertainSlurm() {
        return recoveredUncertainSlurm(submissionState, schedulerName, schedulerJobId);
    }

    /** {@link #recoveredUncertainSlurm()} over the stored columns (NULL submission text reads as {@code not_started}). */
    public static boolean recoveredUncertainSlurm(String submissionState, String schedulerName, String schedulerJobId) {
        return "uncertain".equals(submissionState) && "slurm".equals(schedulerName) && exactSlurmJobId(schedulerJobId);
    }
}
