package dev.beampipe.model.ledger.control;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The reference's {@code plan_execution_retry} and reason rule (10-state §2.9); rejections in the pinned order. */
public final class RetryPlanner {
    public static final int MAX_REASON_BYTES = 1000;
    static final Set<String> SUBMISSION_MAY_EXIST = Set.of("preparing", "in_flight", "submitted", "uncertain");

    private RetryPlanner() {
    }

    /**
     * @param stage {@code stage_and_manifest} or {@code submit}
     * @param controlPhase the control phase the retried execution restarts from
     */
    public record Plan(String reason, String stage, boolean doStage, boolean doSubmit, String controlPhase) {
    }

    public static String reason(String raw) {
        String reason = raw == null ? "" : raw.trim();
        if (reason.isEmpty()) {
            throw ControlFailure.retryRejected("retry_reason_required", "a retry reason is required").rejected();
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw ControlFailure.retryRejected("retry_reason_too_long",
                    "the retry reason must be at most " + MAX_REASON_BYTES + " bytes").rejected();
        }
        return reason;
    }

    public static Plan plan(LedgerState s, String rawReason) {
        String reason = reason(rawReason);
        if (!"failed".equals(s.status())) {
            throw ControlFailure.retryRejected("execution_not_failed",
                    "only failed executions can be retried (status is " + s.status() + ")").rejected();
        }
        if ("inconsistent".equals(s.terminalOutcome())) {
            throw ControlFailure.retryRejected("external_state_inconsistent",
                    "the execution ended with inconsistent external state; create a new execution instead").rejected();
        }
        if (SUBMISSION_MAY_EXIST.contains(s.submission())) {
            throw ControlFailure.retryRejected("submission_may_exist", "an external submission may exist (submission state "
                    + s.submission() + "); reconcile it before retrying").rejected();
        }
        if (s.schedulerJobId() != null || !"not_submitted".equals(s.scheduler())) {
            throw ControlFailure.retryRejected("scheduler_work_exists",
                    "scheduler work exists for this execution; reconcile it before retrying").rejected();
        }
        if (!"not_created".equals(s.daliuge())) {
            throw ControlFailure.retryRejected("daliuge_session_may_exist",
                    "a DALiuGE session may exist for this execution; reconcile it before retrying").rejected();
        }
        boolean submit = "submit".equals(s.executionPhase()) || ("failed".equals(s.submission()) && s.manifestPresent());
        if (submit && !s.manifestPresent()) {
            throw ControlFailure.retryRejected("retry_manifest_missing",
                    "the submit stage cannot be retried without a stored manifest").rejected();
        }
        return submit
                ? new Plan(reason, "submit", false, true, "graph_patched")
                : new Plan(reason, "stage_and_manifest", true, true, "admitted");
    }
}
