package dev.beampipe.model.ledger.control;

import java.time.OffsetDateTime;

/** A builder of {@link LedgerState} rows for the rule tables. */
final class Ledgers {
    String status = "pending";
    String executionPhase;
    String controlPhase = "discovered";
    String submissionState = "not_started";
    String schedulerName;
    String schedulerJobId;
    String schedulerState = "not_submitted";
    String daliugeSessionId;
    String daliugeState = "not_created";
    String outputState = "not_started";
    boolean verificationRequired;
    String terminalOutcome;
    boolean manifest;
    OffsetDateTime deadline;
    OffsetDateTime abandonedAt;

    static Ledgers status(String status) {
        Ledgers l = new Ledgers();
        l.status = status;
        return l;
    }

    Ledgers submission(String s) { submissionState = s; return this; }
    Ledgers phase(String p) { executionPhase = p; return this; }
    Ledgers slurm(String jobId, String state) { schedulerName = "slurm"; schedulerJobId = jobId; schedulerState = state; return this; }
    Ledgers scheduler(String name) { schedulerName = name; return this; }
    Ledgers daliuge(String sid, String state) { daliugeSessionId = sid; daliugeState = state; return this; }
    Ledgers output(String s, boolean required) { outputState = s; verificationRequired = required; return this; }
    Ledgers outcome(String o) { terminalOutcome = o; return this; }
    Ledgers manifest() { manifest = true; return this; }
    Ledgers deadline(OffsetDateTime d) { deadline = d; return this; }
    Ledgers abandoned(OffsetDateTime a) { abandonedAt = a; return this; }

    LedgerState build() {
        return new LedgerState(status, executionPhase, controlPhase, submissionState, schedulerName, schedulerJobId,
                schedulerState, daliugeSessionId, daliugeState, outputState, verificationRequired, terminalOutcome,
                manifest, deadline, abandonedAt);
    }
}
