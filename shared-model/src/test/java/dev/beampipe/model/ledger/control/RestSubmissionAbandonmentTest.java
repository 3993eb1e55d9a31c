package dev.beampipe.model.ledger.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST rule of {@link SubmissionAbandonment} (docs/rest-abandonment.md): guards and DIM-side evidence, table-driven. */
class RestSubmissionAbandonmentTest {
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime INTENT_AT = NOW.minusHours(26);
    static final OffsetDateTime DEADLINE = INTENT_AT.plusMinutes(30);
    static final String SID = "BeampipeExecution-2026";
    static final String DIM = "http://dim.example:8001";
    static final SubmissionAbandonment.Intent INTENT = new SubmissionAbandonment.Intent("intent-1", INTENT_AT, DIM);

    static SubmissionAbandonment.Request request() {
        return new SubmissionAbandonment.Request("the DIM has not known the session for a day", "uncertain", SID,
                DEADLINE, true);
    }

    static Ledgers ledger() {
        return Ledgers.status("awaiting_scheduler").submission("uncertain").scheduler("daliuge")
                .daliuge(SID, "not_created").deadline(DEADLINE);
    }

    static SubmissionAbandonment.Facts facts(Ledgers l) {
        return new SubmissionAbandonment.Facts(l.build(), true, INTENT, false, null, NOW);
    }

    /** A poll observation as {@code DimPollLedger} writes it, mapped like the transition maps it. */
    static SubmissionAbandonment.Lookup poll(String id, OffsetDateTime at, String normalized, String raw, String sid,
                                             String endpoint) {
        return SubmissionAbandonment.dimLookup(id, at, normalized, raw, sid, endpoint, INTENT);
    }

    static SubmissionAbandonment.Lookup notFound(String id, int minutesAgo) {
        return poll(id, NOW.minusMinutes(minutesAgo), "not_created", "not_found", SID, DIM);
    }

    static List<SubmissionAbandonment.Lookup> threeNegatives() {
        return List.of(notFound("a", 11), notFound("b", 6), notFound("c", 1));
    }

    static Stream<Arguments> mapping() {
        return Stream.of(
                Arguments.of("not_created", "not_found", "not_found", true),
                Arguments.of("unreachable", "connectivity", "error", false),
                Arguments.of("unreachable", "timeout", "error", false),
                Arguments.of("unreachable", "http_status", "error", false),
                Arguments.of("running", "RUNNING", SubmissionAbandonment.SESSION_KNOWN, false),
                Arguments.of("pristine", "PRISTINE", SubmissionAbandonment.SESSION_KNOWN, false),
                Arguments.of("finished", "FINISHED", SubmissionAbandonment.SESSION_KNOWN, false),
                Arguments.of("running", "deployed", SubmissionAbandonment.SESSION_KNOWN, false),
                Arguments.of("not_created", "PRISTINE", SubmissionAbandonment.SESSION_KNOWN, false));
    }

    @ParameterizedTest
    @MethodSource("mapping")
    void pollObservationsMapToLookups(String normalized, String raw, String result, boolean complete) {
        SubmissionAbandonment.Lookup l = poll("x", NOW, normalized, raw, SID, DIM);
        assertThat(l.result()).isEqualTo(result);
        assertThat(l.queryComplete()).isEqualTo(complete);
        assertThat(l.intentObservationId()).isEqualTo("intent-1");
        assertThat(poll("x", INTENT_AT.minusSeconds(1), normalized, raw, SID, DIM).intentObservationId()).isNull();
    }

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(ledger(), null),
                Arguments.of(Ledgers.status("running").submission("in_flight").scheduler("daliuge").daliuge(SID, "not_created")
                        .deadline(DEADLINE), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().abandoned(NOW), "submission_already_abandoned"),
                Arguments.of(Ledgers.status("failed").submission("uncertain").scheduler("daliuge").daliuge(SID, "not_created")
                        .deadline(DEADLINE), "submission_abandonment_terminal_execution"),
                Arguments.of(ledger().scheduler("pbs"), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().scheduler(null), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().daliuge("other", "not_created"), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().deadline(DEADLINE.minusSeconds(1)), "submission_abandonment_cas_mismatch"),
                // the Slurm-only exact-job guard does not apply to a REST row
                Arguments.of(ledger().slurm("42", "unknown").scheduler("daliuge"), null),
                Arguments.of(ledger().daliuge(SID, "deploying"), "submission_abandonment_daliuge_active"),
                Arguments.of(ledger().daliuge(SID, "running"), "submission_abandonment_daliuge_active"),
                Arguments.of(ledger().daliuge(SID, "cancelling"), "submission_abandonment_daliuge_active"));
    }

    @ParameterizedTest
    @MethodSource("states")
    void stateRules(Ledgers l, String code) {
        if (code == null) {
            assertThat(SubmissionAbandonment.check(request(), facts(l), threeNegatives())).containsExactly("a", "b", "c");
            return;
        }
        assertThatThrownBy(() -> SubmissionAbandonment.check(request(), facts(l), threeNegatives()))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(409);
                    assertThat(e.failure().code()).isEqualTo(code);
                });
    }

    @Test
    void pinsIntentTargetLeaseDeadlineAndQuietGrace() {
        LedgerState s = ledger().build();
        assertCode(new SubmissionAbandonment.Facts(s, false, INTENT, false, null, NOW), threeNegatives(),
                "submission_abandonment_profile_unpinned");
        assertCode(new SubmissionAbandonment.Facts(s, true, null, false, null, NOW), threeNegatives(),
                "submission_abandonment_intent_missing");
        assertCode(new SubmissionAbandonment.Facts(s, true, new SubmissionAbandonment.Intent("intent-1", INTENT_AT, null),
                false, null, NOW), threeNegatives(), "submission_abandonment_target_unpinned");
        assertCode(new SubmissionAbandonment.Facts(s, true, INTENT, true, null, NOW), threeNegatives(),
                "submission_abandonment_active_execute_lease");
        assertCode(new SubmissionAbandonment.Facts(s, true, new SubmissionAbandonment.Intent("intent-1",
                DEADLINE.plusSeconds(1), DIM), false, null, NOW), threeNegatives(), "submission_abandonment_deadline_invalid");
        assertCode(new SubmissionAbandonment.Facts(s, true, INTENT, false, NOW.minusHours(2), NOW), threeNegatives(),
                "submission_abandonment_quiet_grace");
        assertCode(new SubmissionAbandonment.Facts(s, true, INTENT, false, null, DEADLINE.plusHours(24).minusSeconds(1)),
                threeNegatives(), "submission_abandonment_quiet_grace");
    }

    static Stream<Arguments> evidence() {
        return Stream.of(
                Arguments.of(threeNegatives(), null),
                // a session the DIM knew, any time after the intent, blocks: even before the quiet window
                Arguments.of(List.of(poll("k", INTENT_AT.plusMinutes(1), "running", "RUNNING", SID, DIM),
                        notFound("a", 11), notFound("b", 6), notFound("c", 1)),
                        "submission_abandonment_dim_session_observed"),
                // even without an endpoint (observations written before the poller recorded it)
                Arguments.of(List.of(poll("k", NOW.minusMinutes(3), "pristine", "PRISTINE", SID, null),
                        notFound("a", 11), notFound("b", 6), notFound("c", 1)),
                        "submission_abandonment_dim_session_observed"),
                // a receipt-style observation after the intent
                Arguments.of(List.of(poll("k", INTENT_AT, "running", "deployed", SID, null),
                        notFound("a", 11), notFound("b", 6), notFound("c", 1)),
                        "submission_abandonment_dim_session_observed"),
                // a session known before the latest intent does not count
                Arguments.of(List.of(poll("k", INTENT_AT.minusSeconds(1), "running", "RUNNING", SID, DIM),
                        notFound("a", 11), notFound("b", 6), notFound("c", 1)), null),
                // a connectivity error is not a negative: the newest must be a definitive not_found
                Arguments.of(List.of(notFound("a", 11), notFound("b", 6), notFound("c", 2),
                        poll("e", NOW.minusMinutes(1), "unreachable", "connectivity", SID, DIM)),
                        "submission_abandonment_latest_evidence_not_negative"),
                // ... but an older one in between does no harm
                Arguments.of(List.of(notFound("a", 11), poll("e", NOW.minusMinutes(8), "unreachable", "timeout", SID, DIM),
                        notFound("b", 6), notFound("c", 1)), null),
                // a connectivity error of another DIM is irrelevant
                Arguments.of(List.of(notFound("a", 12), notFound("b", 6), notFound("c", 2),
                        poll("e", NOW.minusMinutes(1), "unreachable", "connectivity", SID, "http://other:8001")), null),
                Arguments.of(List.of(notFound("a", 11), notFound("b", 6),
                        poll("c", NOW.minusMinutes(1), "not_created", "not_found", SID, "http://other:8001")),
                        "submission_abandonment_negative_evidence_insufficient"),
                Arguments.of(List.of(notFound("a", 11), notFound("b", 6),
                        poll("c", NOW.minusMinutes(1), "not_created", "not_found", SID, null)),
                        "submission_abandonment_negative_evidence_insufficient"),
                Arguments.of(List.of(notFound("a", 11), notFound("b", 6),
                        poll("c", NOW.minusMinutes(1), "not_created", "not_found", "BeampipeExecution-other", DIM)),
                        "submission_abandonment_negative_evidence_insufficient"),
                // negatives before the quiet-eligible time do not count
                Arguments.of(List.of(poll("a", DEADLINE.plusHours(24).minusMinutes(1), "not_created", "not_found", SID, DIM),
                        notFound("b", 6), notFound("c", 1)),
                        "submission_abandonment_negative_evidence_insufficient"),
                Arguments.of(List.of(notFound("a", 21), notFound("b", 16), notFound("c", 11)),
                        "submission_abandonment_evidence_stale"),
                Arguments.of(List.of(notFound("a", 9), notFound("b", 6), notFound("c", 1)),
                        "submission_abandonment_evidence_span_too_short"),
                Arguments.of(List.of(notFound("a", 11), notFound("b", 11), notFound("c", 1)),
                        "submission_abandonment_distinct_evidence_insufficient"),
                Arguments.of(List.of(poll("a", null, "not_created", "not_found", SID, DIM)),
                        "submission_abandonment_evidence_invalid"));
    }

    @ParameterizedTest
    @MethodSource("evidence")
    void evidenceRules(List<SubmissionAbandonment.Lookup> lookups, String code) {
        if (code == null) {
            assertThat(SubmissionAbandonment.check(request(), facts(ledger()), lookups)).hasSize(3).doesNotHaveDuplicates()
                    .doesNotContain("e", "k");
            return;
        }
        assertCode(facts(ledger()), lookups, code);
    }

    @Test
    void theRuleIsChosenByTheRowsBackend() {
        assertThat(SubmissionAbandonment.Backend.of("daliuge")).isEqualTo(SubmissionAbandonment.Backend.DALIUGE_REST);
        assertThat(SubmissionAbandonment.Backend.of("slurm")).isEqualTo(SubmissionAbandonment.Backend.SLURM);
        assertThat(SubmissionAbandonment.Backend.of(null)).isNull();
        assertThat(SubmissionAbandonment.Backend.DALIUGE_REST.abandonmentSchema)
                .isEqualTo("beampipe-dim-submission-abandonment/v1");
        // a Slurm row is judged by name lookups: a DIM-style "session_known" row is no Slurm match
        SubmissionAbandonment.Lookup known = new SubmissionAbandonment.Lookup("k", NOW.minusMinutes(2),
                SubmissionAbandonment.SESSION_KNOWN, false, "intent-1", DIM, SID);
        assertThatThrownBy(() -> SubmissionAbandonment.evidence(SubmissionAbandonment.Backend.SLURM, facts(ledger()),
                List.of(notFound("a", 11), notFound("b", 6), notFound("c", 3), known)))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code())
                        .isEqualTo("submission_abandonment_latest_evidence_not_negative"));
    }

    private static void assertCode(SubmissionAbandonment.Facts f, List<SubmissionAbandonment.Lookup> lookups, String code) {
        assertThatThrownBy(() -> SubmissionAbandonment.check(request(), f, lookups))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code()).isEqualTo(code));
    }
}
