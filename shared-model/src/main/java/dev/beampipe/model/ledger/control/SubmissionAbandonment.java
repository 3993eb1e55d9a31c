package dev.beampipe.model.ledger.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Operator abandonment of an unresolved submission: the request rules (400), the compare-and-set and safety checks
 * under the row lock (409, in the reference's order) and the evidence rules. The reference rule is Slurm's (10-state
 * §5.6, evidence = the name-lookup observations); the same rule closes a held DALiuGE REST submission ("Our
 * behaviour", docs/rest-abandonment.md), with the DIM poller's {@code daliuge_session} observations as evidence: a
 * definitive {@code not_found} is a negative lookup, a session the DIM knew is a match, a connectivity error is an
 * incomplete lookup. {@link Backend} holds what differs.
 */
public final class SubmissionAbandonment {
    public static final String EVIDENCE_SCHEMA = "beampipe-slurm-name-lookup/v1";
    public static final String ABANDONMENT_SCHEMA = "beampipe-slurm-submission-abandonment/v1";
    public static final String DIM_ABANDONMENT_SCHEMA = "beampipe-dim-submission-abandonment/v1";
    /** The result a REST evidence row gets when the DIM answered with the session (any state). */
    public static final String SESSION_KNOWN = "session_known";
    public static final Duration QUIET_GRACE = Duration.ofSeconds(86_400);
    public static final Duration MAX_EVIDENCE_AGE = Duration.ofSeconds(600);
    public static final Duration MIN_EVIDENCE_SPAN = Duration.ofSeconds(600);
    public static final int MIN_NEGATIVE_LOOKUPS = 3;
    public static final int MAX_EVIDENCE_ROWS = 500;
    static final Set<String> DALIUGE_ACTIVE = Set.of("deploying", "running", "cancelling");
    static final Set<String> MATCHES = Set.of("exact", "exact_conflict", "ambiguous");

    private SubmissionAbandonment() {
    }

    /**
     * What differs between the Slurm rule and the REST rule: the row's {@code scheduler_name}, the schemas, where
     * the {@code operator_abandoned} observation goes, which evidence results are matches and their code, and
     * whether a match anywhere after the intent blocks (REST: a session the DIM once knew is what an exact Slurm job
     * id is to the Slurm rule, which blocks it for good through {@code exact_job_known}).
     */
    public enum Backend {
        SLURM("slurm", ABANDONMENT_SCHEMA, "scheduler", "unknown", "Slurm", "name lookup", MATCHES,
                "submission_abandonment_scheduler_match_observed", "a name lookup observed a matching Slurm job", false),
        DALIUGE_REST("daliuge", DIM_ABANDONMENT_SCHEMA, "daliuge_session", "not_created", "DALiuGE REST",
                "DIM session poll", Set.of(SESSION_KNOWN), "submission_abandonment_dim_session_observed",
                "the DIM answered with this session after the submission intent", true);

        public final String schedulerName;
        public final String abandonmentSchema;
        public final String observationKind;
        public final String observationState;
        public final String label;
        final String lookupNoun;
        final Set<String> matches;
        public final String matchCode;
        final String matchMessage;
        final boolean matchSinceIntent;

        Backend(String schedulerName, String abandonmentSchema, String observationKind, String observationState,
                String label, String lookupNoun, Set<String> matches, String matchCode, String matchMessage,
                boolean matchSinceIntent) {
            this.schedulerName = schedulerName;
            this.abandonmentSchema = abandonmentSchema;
            this.observationKind = observationKind;
            this.observationState = observationState;
            this.label = label;
            this.lookupNoun = lookupNoun;
            this.matches = matches;
            this.matchCode = matchCode;
            this.matchMessage = matchMessage;
            this.matchSinceIntent = matchSinceIntent;
        }

        /** The rule for a row's {@code scheduler_name}; null for anything else (a CAS mismatch). */
        public static Backend of(String schedulerName) {
            for (Backend b : values()) {
                if (b.schedulerName.equals(schedulerName)) {
                    return b;
                }
            }
            return null;
        }
    }

    public record Request(String reason, String expectedSubmissionState, String expectedDaliugeSessionId,
                          OffsetDateTime expectedSubmissionDeadlineAt, Boolean acknowledgeExternalJobMayExist) {
    }

    /**
     * The latest {@code intent_persisted} observation of the execution; for REST the target fingerprint is the DIM
     * base URL persisted at intent ({@code daliuge_manager_url}).
     */
    public record Intent(String observationId, OffsetDateTime observedAt, String targetFingerprint) {
    }

    /**
     * One evidence row: a name-lookup observation ({@code source_version = beampipe-slurm-name-lookup/v1}), or for
     * REST one DIM poll observation mapped by {@link #dimLookup}.
     */
    public record Lookup(String lookupId, OffsetDateTime observedAt, String result, boolean queryComplete,
                         String intentObservationId, String targetFingerprint, String daliugeSessionId) {
        boolean negative() {
            return "not_found".equals(result) && queryComplete;
        }
    }

    /** Everything the checks read, gathered under the row lock. */
    public record Facts(LedgerState ledger, boolean profilePinned, Intent intent, boolean activeExecuteLease,
                        OffsetDateTime latestExecuteJobActivity, OffsetDateTime now) {
        public OffsetDateTime quietAnchor() {
            OffsetDateTime deadline = ledger.submissionDeadlineAt();
            if (latestExecuteJobActivity != null && latestExecuteJobActivity.isAfter(deadline)) {
                return latestExecuteJobActivity;
            }
            return deadline;
        }

        public OffsetDateTime quietEligibleAt() {
            return quietAnchor().plus(QUIET_GRACE);
        }
    }

    /** The trimmed reason, once the request passes the 400 rules. */
    public static String validate(Request r) {
        String reason = r.reason() == null ? "" : r.reason().trim();
        if (reason.isEmpty()) {
            throw ControlFailure.abandonmentInvalid("submission_abandonment_reason_required",
                    "an abandonment reason is required").rejected();
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 1000) {
            throw ControlFailure.abandonmentInvalid("submission_abandonment_reason_too_long",
                    "the abandonment reason must be at most 1000 bytes").rejected();
        }
        if (!"in_flight".equals(r.expectedSubmissionState()) && !"uncertain".equals(r.expectedSubmissionState())) {
            throw ControlFailure.abandonmentInvalid("submission_abandonment_state_invalid",
                    "expected_submission_state must be in_flight or uncertain").rejected();
        }
        String sid = r.expectedDaliugeSessionId();
        if (sid == null || sid.isEmpty() || !sid.equals(sid.trim())) {
            throw ControlFailure.abandonmentInvalid("submission_abandonment_session_id_invalid",
                    "expected_daliuge_session_id must be non-empty without surrounding whitespace").rejected();
        }
        if (!Boolean.TRUE.equals(r.acknowledgeExternalJobMayExist())) {
            throw ControlFailure.abandonmentInvalid("submission_abandonment_orphan_risk_not_acknowledged",
                    "acknowledge_external_job_may_exist must be true: the Slurm job or DALiuGE session may still exist").rejected();
        }
        return reason;
    }

    /**
     * A DIM poll observation ({@code daliuge_session}, written by the worker's {@code DimPollLedger}) as evidence:
     * {@code not_created}/{@code not_found} (HTTP 404 or 555 {@code NoSessionException}: the DIM answered that it does
     * not know the session) is a complete negative; {@code unreachable} (connectivity, timeout, HTTP error, invalid
     * answer) is neither, an incomplete lookup; any other state means the DIM knew the session. The observation is
     * bound to the intent by time (at or after it), to the session by {@code payload.session_id} and to the target by
     * {@code payload.dim_endpoint} (absent on observations written before the poller recorded it: such a row can
     * still be a match, never a negative).
     */
    public static Lookup dimLookup(String observationId, OffsetDateTime observedAt, String normalized, String raw,
                                   String sessionId, String endpoint, Intent intent) {
        String result;
        boolean complete = false;
        if ("not_created".equals(normalized) && "not_found".equals(raw)) {
            result = "not_found";
            complete = true;
        } else if ("unreachable".equals(normalized)) {
            result = "error";
        } else {
            result = SESSION_KNOWN;
        }
        boolean afterIntent = intent != null && observedAt != null && !observedAt.isBefore(intent.observedAt());
        return new Lookup(observationId, observedAt, normalized == null ? null : result, complete,
                afterIntent ? intent.observationId() : null, endpoint, sessionId);
    }

    /** The 409 checks in the reference's order, evidence last; returns the three evidence lookup ids. */
    public static List<String> check(Request r, Facts f, List<Lookup> lookups) {
        LedgerState s = f.ledger();
        Backend backend = Backend.of(s.schedulerName());
        if (s.submissionAbandonedAt() != null) {
            throw conflict("submission_already_abandoned", "the submission was already abandoned");
        }
        if (s.terminal()) {
            throw conflict("submission_abandonment_terminal_execution", "the execution is terminal (" + s.status() + ")");
        }
        if (backend == null || !r.expectedSubmissionState().equals(s.submission())
                || !r.expectedDaliugeSessionId().equals(s.daliugeSessionId())
                || !sameInstant(r.expectedSubmissionDeadlineAt(), s.submissionDeadlineAt())) {
            throw conflict("submission_abandonment_cas_mismatch",
                    "the execution no longer matches the expected backend, submission state, session id or deadline");
        }
        if (backend == Backend.SLURM && s.schedulerJobId() != null) {
            throw conflict("submission_abandonment_exact_job_known", "an exact Slurm job id is known; cancel or reconcile it");
        }
        if (DALIUGE_ACTIVE.contains(s.daliuge())) {
            throw conflict("submission_abandonment_daliuge_active", "the DALiuGE session is active");
        }
        if (!f.profilePinned()) {
            throw conflict("submission_abandonment_profile_unpinned", "the execution has no pinned deployment profile");
        }
        if (f.intent() == null) {
            throw conflict("submission_abandonment_intent_missing", "no persisted submission intent was found");
        }
        if (f.intent().targetFingerprint() == null || f.intent().targetFingerprint().isBlank()) {
            throw conflict("submission_abandonment_target_unpinned", backend == Backend.SLURM
                    ? "the submission intent has no target fingerprint"
                    : "the REST submission has no persisted DIM endpoint (daliuge_manager_url)");
        }
        if (f.activeExecuteLease()) {
            throw conflict("submission_abandonment_active_execute_lease", "an execute job still holds a live lease");
        }
        if (s.submissionDeadlineAt() == null || s.submissionDeadlineAt().isBefore(f.intent().observedAt())) {
            throw conflict("submission_abandonment_deadline_invalid", "the persisted submission deadline is invalid");
        }
        if (f.now().isBefore(f.quietEligibleAt())) {
            throw conflict("submission_abandonment_quiet_grace", "the submission must stay quiet for 24 h after "
                    + "its deadline and the last execute-job activity (eligible at " + f.quietEligibleAt() + ")");
        }
        return evidence(backend, f, lookups);
    }

    /** The Slurm evidence rules. */
    public static List<String> evidence(Facts f, List<Lookup> lookups) {
        return evidence(Backend.SLURM, f, lookups);
    }

    /**
     * The evidence rules (10-state §5.6, §7.5 item 53) over lookups observed at or after the quiet-eligible time;
     * for REST a match anywhere after the intent blocks first.
     */
    public static List<String> evidence(Backend backend, Facts f, List<Lookup> lookups) {
        String noun = backend.lookupNoun;
        List<Lookup> relevant = new ArrayList<>();
        for (Lookup l : lookups) {
            if (l.lookupId() == null || l.lookupId().isBlank() || l.observedAt() == null || l.result() == null) {
                throw conflict("submission_abandonment_evidence_invalid", "a " + noun + " observation is malformed");
            }
            if (backend.matchSinceIntent && backend.matches.contains(l.result())
                    && f.intent().observationId().equals(l.intentObservationId())) {
                throw conflict(backend.matchCode, backend.matchMessage);
            }
            if (l.observedAt().isBefore(f.quietEligibleAt())) {
                continue;
            }
            if (f.intent().observationId().equals(l.intentObservationId())
                    && f.intent().targetFingerprint().equals(l.targetFingerprint())
                    && f.ledger().daliugeSessionId().equals(l.daliugeSessionId())) {
                relevant.add(l);
            }
        }
        relevant.sort(Comparator.comparing(Lookup::observedAt).reversed());
        if (relevant.size() > MAX_EVIDENCE_ROWS) {
            relevant = new ArrayList<>(relevant.subList(0, MAX_EVIDENCE_ROWS));
        }
        if (relevant.stream().anyMatch(l -> backend.matches.contains(l.result()))) {
            throw conflict(backend.matchCode, backend.matchMessage);
        }
        if (!relevant.isEmpty() && !relevant.get(0).negative()) {
            throw conflict("submission_abandonment_latest_evidence_not_negative",
                    "the newest " + noun + " is not a complete negative");
        }
        List<Lookup> negatives = relevant.stream().filter(Lookup::negative).toList();
        if (negatives.size() < MIN_NEGATIVE_LOOKUPS) {
            throw conflict("submission_abandonment_negative_evidence_insufficient",
                    "at least " + MIN_NEGATIVE_LOOKUPS + " complete negative " + noun + "s are required");
        }
        Lookup newest = negatives.get(0);
        Lookup oldest = negatives.get(negatives.size() - 1);
        if (newest.observedAt().isAfter(f.now()) || Duration.between(newest.observedAt(), f.now()).compareTo(MAX_EVIDENCE_AGE) > 0) {
            throw conflict("submission_abandonment_evidence_stale", "the newest negative " + noun + " is older than 10 minutes");
        }
        if (Duration.between(oldest.observedAt(), newest.observedAt()).compareTo(MIN_EVIDENCE_SPAN) < 0) {
            throw conflict("submission_abandonment_evidence_span_too_short",
                    "the negative " + noun + "s must span at least 10 minutes");
        }
        Lookup middle = null;
        for (Lookup l : negatives) {
            if (l.observedAt().isBefore(newest.observedAt()) && l.observedAt().isAfter(oldest.observedAt())
                    && !l.lookupId().equals(newest.lookupId()) && !l.lookupId().equals(oldest.lookupId())) {
                middle = l;
                break;
            }
        }
        if (middle == null || newest.lookupId().equals(oldest.lookupId())) {
            throw conflict("submission_abandonment_distinct_evidence_insufficient",
                    "three distinct negative " + noun + "s are required");
        }
        return List.of(oldest.lookupId(), middle.lookupId(), newest.lookupId());
    }

    static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a != null && b != null
                && a.toInstant().truncatedTo(ChronoUnit.MICROS).equals(b.toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    private static ControlRejected conflict(String code, String message) {
        return ControlFailure.abandonmentConflict(code, message).rejected();
    }
}
