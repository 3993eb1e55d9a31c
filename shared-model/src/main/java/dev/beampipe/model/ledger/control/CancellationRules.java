package dev.beampipe.model.ledger.control;

import java.util.Set;

/**
 * What {@code PATCH /executions/{id} {"status":"cancelled"}} may do with an execution (20-api §2.4, 10-state §2.8):
 * refuse it, write the ledger only, or first cancel the external work (Slurm job or DALiuGE session) and write the
 * ledger only when the backend confirms.
 */
public final class CancellationRules {
    /** The statuses the ledger's conditional cancel update matches (re-cancelling a cancelled row is accepted). */
    public static final Set<String> LEDGER_CANCELLABLE = Set.of("pending", "running", "awaiting_scheduler", "retrying",
            "cancelled");
    static final Set<String> SCHEDULER_INACTIVE = Set.of("not_submitted", "succeeded", "failed", "cancelled", "timed_out");
    static final Set<String> DALIUGE_INACTIVE = Set.of("not_created", "finished", "failed", "cancelled");
    static final String UNRESOLVED = "execution submission outcome is unresolved; wait for reconciliation to record "
            + "an exact external job before cancelling";

    private CancellationRules() {
    }

    public enum Backend { SLURM, DALIUGE }

    /** {@code backend == null} means no external work is live: the ledger is written directly. */
    public record Plan(Backend backend, String externalId) {
        public boolean external() {
            return backend != null;
        }
    }

    /** The status a PATCH asks for; only {@code cancelled} is served. */
    public static void requireCancelled(String requestedStatus) {
        if (!"cancelled".equals(requestedStatus)) {
            throw ControlFailure.badRequest("the public execution patch endpoint only supports status=cancelled").rejected();
        }
    }

    public static Plan plan(LedgerState s) {
        if (!s.knownStatus()) {
            throw ControlFailure.conflict("execution has an unknown ledger status (" + s.status() + ")").rejected();
        }
        if (s.terminal()) {
            throw ControlFailure.conflict("execution is already terminal (" + s.status() + ")").rejected();
        }
        String submission = s.submission();
        if ("in_flight".equals(submission) || ("uncertain".equals(submission) && !s.recoveredUncertainSlurm())) {
            throw ControlFailure.conflict(UNRESOLVED).rejected();
        }
        if (!"running".equals(s.status()) && !"awaiting_scheduler".equals(s.status())) {
            return new Plan(null, null);
        }
        boolean schedulerActive = s.schedulerJobId() != null && !SCHEDULER_INACTIVE.contains(s.scheduler());
        boolean sessionActive = s.daliugeSessionId() != null && !DALIUGE_INACTIVE.contains(s.daliuge());
        if (s.recoveredUncertainSlurm() || ("slurm".equals(s.schedulerName()) && (schedulerActive || sessionActive))) {
            if (!LedgerState.exactSlurmJobId(s.schedulerJobId())) {
                throw ControlFailure.conflict("the execution has no exact Slurm job id to cancel").rejected();
            }
            return new Plan(Backend.SLURM, s.schedulerJobId());
        }
        if (sessionActive && "daliuge".equals(s.schedulerName())) {
            if (s.daliugeSessionId().isBlank()) {
                throw ControlFailure.conflict("the execution has no DALiuGE session id to cancel").rejected();
            }
            return new Plan(Backend.DALIUGE, s.daliugeSessionId());
        }
        if (schedulerActive || sessionActive) {
            // live work the pinned backend cannot name exactly: cancelling only the ledger would orphan it
            throw ControlFailure.conflict("the execution's external work cannot be identified exactly for cancellation")
                    .rejected();
        }
        return new Plan(null, null);
    }
}
