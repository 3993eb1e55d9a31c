package dev.beampipe.model.ledger.state;

import java.util.Objects;

/** The external axes {@code reconcile()} reads, already parsed (unknown/NULL text = the axis default). */
public record Axes(SubmissionState submission, SchedulerState scheduler, DaliugeState daliuge, OutputState output,
                   boolean outputVerificationRequired) {

    public Axes {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(daliuge, "daliuge");
        Objects.requireNonNull(output, "output");
    }

    /** Every axis at its default (a freshly created execution). */
    public static Axes initial(boolean outputVerificationRequired) {
        return new Axes(SubmissionState.NOT_STARTED, SchedulerState.NOT_SUBMITTED, DaliugeState.NOT_CREATED,
                OutputState.NOT_STARTED, outputVerificationRequired);
    }

    public Axes with(SubmissionState s) {
        return new Axes(s, scheduler, daliuge, output, outputVerificationRequired);
    }

    public Axes with(SchedulerState s) {
        return new Axes(submission, s, daliuge, output, outputVerificationRequired);
    }

    public Axes with(DaliugeState s) {
        return new Axes(submission, scheduler, s, output, outputVerificationRequired);
    }

    public Axes with(OutputState s) {
        return new Axes(submission, scheduler, daliuge, s, outputVerificationRequired);
    }
}
