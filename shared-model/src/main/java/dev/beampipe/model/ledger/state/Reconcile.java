package dev.beampipe.model.ledger.state;

/**
 * The pure {@code reconcile()} of 10-state §2.4: the aggregate status derived from the external axes. The rules are
 * ordered and the first match wins; the order is the behaviour (e.g. a failed output beats a cancelled scheduler).
 */
public final class Reconcile {
    private Reconcile() {
    }

    /** The decision of the first matching rule. */
    public static Decision decide(Axes a) {
        SchedulerState sched = a.scheduler();
        DaliugeState dlg = a.daliuge();
        // 1
        if (a.output() == OutputState.FAILED || a.submission() == SubmissionState.FAILED) {
            return new Decision(1, ExecutionStatus.FAILED, TerminalOutcome.FAILED, NextAction.NONE, null);
        }
        // 2
        if (dlg == DaliugeState.FAILED) {
            return sched.active()
                    ? new Decision(2, ExecutionStatus.FAILED, TerminalOutcome.FAILED, NextAction.POLL_SCHEDULER,
                    new Mismatch("daliuge_failed_scheduler_active",
                            "DALiuGE reports the session failed while the scheduler job is still " + sched, false))
                    : new Decision(2, ExecutionStatus.FAILED, TerminalOutcome.FAILED, NextAction.NONE, null);
        }
        // 3
        if (sched == SchedulerState.FAILED || sched == SchedulerState.TIMED_OUT) {
            return dlg.active()
                    ? new Decision(3, ExecutionStatus.FAILED, TerminalOutcome.FAILED, NextAction.POLL_DALIUGE,
                    new Mismatch("scheduler_failed_daliuge_active",
                            "the scheduler reports " + sched + " while the DALiuGE session is still " + dlg, false))
                    : new Decision(3, ExecutionStatus.FAILED, TerminalOutcome.FAILED, NextAction.NONE, null);
        }
        // 4
        if (sched == SchedulerState.SUCCEEDED && dlg.active()) {
            return new Decision(4, ExecutionStatus.FAILED, TerminalOutcome.INCONSISTENT, NextAction.OPERATOR_REVIEW,
                    new Mismatch("scheduler_finished_daliuge_active",
                            "the scheduler job succeeded while the DALiuGE session is still " + dlg, true));
        }
        // 5
        if (sched == SchedulerState.CANCELLED || dlg == DaliugeState.CANCELLED) {
            boolean otherActive = (sched == SchedulerState.CANCELLED && dlg.active())
                    || (dlg == DaliugeState.CANCELLED && sched.active());
            return otherActive
                    ? new Decision(5, ExecutionStatus.CANCELLED, TerminalOutcome.INCONSISTENT, NextAction.OPERATOR_REVIEW,
                    new Mismatch("partial_cancellation", "one layer was cancelled while the other is still active "
                            + "(scheduler " + sched + ", DALiuGE " + dlg + ")", true))
                    : new Decision(5, ExecutionStatus.CANCELLED, TerminalOutcome.CANCELLED, NextAction.NONE, null);
        }
        // 6: the required-output completion gate
        if (dlg == DaliugeState.FINISHED && (sched == SchedulerState.SUCCEEDED || sched == SchedulerState.NOT_SUBMITTED)) {
            return a.outputVerificationRequired() && a.output() != OutputState.VERIFIED
                    ? new Decision(6, ExecutionStatus.RUNNING, null, NextAction.VERIFY_OUTPUTS, null)
                    : new Decision(6, ExecutionStatus.COMPLETED, TerminalOutcome.SUCCEEDED, NextAction.NONE, null);
        }
        // 7
        if (a.submission() == SubmissionState.UNCERTAIN) {
            return new Decision(7, ExecutionStatus.AWAITING_SCHEDULER, null, NextAction.POLL_SCHEDULER,
                    new Mismatch("submission_outcome_uncertain",
                            "the external submission outcome is uncertain; it will not be repeated automatically", false));
        }
        // 8
        if (sched == SchedulerState.PENDING) {
            return new Decision(8, ExecutionStatus.AWAITING_SCHEDULER, null, NextAction.POLL_SCHEDULER, null);
        }
        // 9
        if (sched == SchedulerState.RUNNING || dlg.active()) {
            return new Decision(9, ExecutionStatus.RUNNING, null, NextAction.POLL_DALIUGE, null);
        }
        // 10
        if (sched == SchedulerState.SUCCEEDED
                && (dlg == DaliugeState.UNKNOWN || dlg == DaliugeState.UNREACHABLE || dlg == DaliugeState.NOT_CREATED)) {
            return new Decision(10, ExecutionStatus.AWAITING_SCHEDULER, null, NextAction.POLL_DALIUGE,
                    new Mismatch("scheduler_finished_daliuge_unconfirmed",
                            "the scheduler job succeeded but the DALiuGE session is " + dlg, false));
        }
        // 11
        if (sched == SchedulerState.UNKNOWN) {
            return new Decision(11, ExecutionStatus.AWAITING_SCHEDULER, null, NextAction.POLL_SCHEDULER, null);
        }
        // 12
        return new Decision(12, ExecutionStatus.PENDING, null, NextAction.WAIT, null);
    }

    /**
     * The aggregate for a row currently in {@code current}: the decision's status, except that a {@code pending}
     * decision keeps any non-pending current status (a reconciliation never moves an execution back to pending).
     */
    public static Reconciliation reconcile(Axes axes, ExecutionStatus current) {
        Decision d = decide(axes);
        ExecutionStatus aggregate = d.status() == ExecutionStatus.PENDING && current != ExecutionStatus.PENDING
                ? current : d.status();
        return new Reconciliation(d, current, aggregate, !current.terminal() && aggregate.terminal());
    }

    /** The required-output gate as the verification endpoint reads it: reconcile() says {@code verify_outputs}. */
    public static boolean awaitsOutputVerification(Axes axes) {
        return decide(axes).nextAction() == NextAction.VERIFY_OUTPUTS;
    }
}
