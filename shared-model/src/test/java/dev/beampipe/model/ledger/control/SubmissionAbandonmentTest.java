package dev.beampipe.model.ledger.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionAbandonmentTest {
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime INTENT_AT = NOW.minusHours(26);
    static final OffsetDateTime DEADLINE = INTENT_AT.plusMinutes(30);
    static final String SID = "BeampipeExecution-2026";
    static final SubmissionAbandonment.Intent INTENT = new SubmissionAbandonment.Intent("intent-1", INTENT_AT, "fp");

    static SubmissionAbandonment.Request request() {
        return new SubmissionAbandonment.Request("no job after 26 h", "in_flight", SID, DEADLINE, true);
    }

    static Ledgers ledger() {
        return Ledgers.status("running").submission("in_flight").scheduler("slurm").daliuge(SID, "not_created")
                .deadline(DEADLINE);
    }

    static SubmissionAbandonment.Facts facts(Ledgers l) {
        return new SubmissionAbandonment.Facts(l.build(), true, INTENT, false, null, NOW);
    }

    static SubmissionAbandonment.Lookup negative(String id, int minutesAgo) {
        return new SubmissionAbandonment.Lookup(id, NOW.minusMinutes(minutesAgo), "not_found", true, "intent-1", "fp", SID);
    }

    static List<SubmissionAbandonment.Lookup> threeNegatives() {
        return List.of(negative("a", 11), negative("b", 6), negative("c", 1));
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of((UnaryOperator<SubmissionAbandonment.Request>) r -> new SubmissionAbandonment.Request(" ",
                        r.expectedSubmissionState(), r.expectedDaliugeSessionId(), r.expectedSubmissionDeadlineAt(), true),
                        "submission_abandonment_reason_required"),
                Arguments.of((UnaryOperator<SubmissionAbandonment.Request>) r -> new SubmissionAbandonment.Request("x".repeat(1001),
                        r.expectedSubmissionState(), r.expectedDaliugeSessionId(), r.expectedSubmissionDeadlineAt(), true),
                        "submission_abandonment_reason_too_long"),
                Arguments.of((UnaryOperator<SubmissionAbandonment.Request>) r -> new SubmissionAbandonment.Request(r.reason(),
                        "submitted", r.expectedDaliugeSessionId(), r.expectedSubmissionDeadlineAt(), true),
                        "submission_abandonment_state_invalid"),
                Arguments.of((UnaryOperator<SubmissionAbandonment.Request>) r -> new SubmissionAbandonment.Request(r.reason(),
                        "uncertain", " " + SID, r.expectedSubmissionDeadlineAt(), true),
                        "submission_abandonment_session_id_invalid"),
                Arguments.of((UnaryOperator<SubmissionAbandonment.Request>) r -> new SubmissionAbandonment.Request(r.reason(),
                        "uncertain", SID, r.expectedSubmissionDeadlineAt(), false),
                        "submission_abandonment_orphan_risk_not_acknowledged"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestRules(UnaryOperator<SubmissionAbandonment.Request> change, String code) {
        assertThatThrownBy(() -> SubmissionAbandonment.validate(change.apply(request())))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(400);
                    assertThat(e.failure().code()).isEqualTo(code);
                    assertThat(e.failure().component()).isEqualTo("submission_abandonment");
                });
    }

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(ledger().abandoned(NOW), "submission_already_abandoned"),
                Arguments.of(ledger(), null),
                Arguments.of(Ledgers.status("failed").submission("in_flight").scheduler("slurm").daliuge(SID, "not_created")
                        .deadline(DEADLINE), "submission_abandonment_terminal_execution"),
                // a daliuge row is judged by the REST rule (RestSubmissionAbandonmentTest); any other backend mismatches
                Arguments.of(ledger().scheduler("pbs"), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().scheduler(null), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().submission("uncertain"), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().daliuge("other", "not_created"), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().deadline(DEADLINE.plusSeconds(1)), "submission_abandonment_cas_mismatch"),
                Arguments.of(ledger().slurm("42", "unknown"), "submission_abandonment_exact_job_known"),
                Arguments.of(ledger().daliuge(SID, "deploying"), "submission_abandonment_daliuge_active"));
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
    void pinsIntentLeaseDeadlineAndQuietGrace() {
        LedgerState s = ledger().build();
        assertCode(new SubmissionAbandonment.Facts(s, false, INTENT, false, null, NOW), threeNegatives(),
                "submission_abandonment_profile_unpinned");
        assertCode(new SubmissionAbandonment.Facts(s, true, null, false, null, NOW), threeNegatives(),
                "submission_abandonment_intent_missing");
        assertCode(new SubmissionAbandonment.Facts(s, true, new SubmissionAbandonment.Intent("intent-1", INTENT_AT, " "),
                false, null, NOW), threeNegatives(), "submission_abandonment_target_unpinned");
        assertCode(new SubmissionAbandonment.Facts(s, true, INTENT, true, null, NOW), threeNegatives(),
                "submission_abandonment_active_execute_lease");
        assertCode(new SubmissionAbandonment.Facts(s, true, new SubmissionAbandonment.Intent("intent-1", DEADLINE.plusSeconds(1), "fp"),
                false, null, NOW), threeNegatives(), "submission_abandonment_deadline_invalid");
        assertCode(new SubmissionAbandonment.Facts(s, true, INTENT, false, NOW.minusHours(2), NOW), threeNegatives(),
                "submission_abandonment_quiet_grace");
    }

    static Stream<Arguments> evidence() {
        List<SubmissionAbandonment.Lookup> manySpaced = new ArrayList<>();
        for (int i = 0; i < 145; i++) {
            manySpaced.add(new SubmissionAbandonment.Lookup("n" + i, NOW.minusSeconds(5L * i + 1), "not_found", true,
                    "intent-1", "fp", SID));
        }
        manySpaced.add(new SubmissionAbandonment.Lookup("err", NOW.minusSeconds(300), "error", false, "intent-1", "fp", SID));
        return Stream.of(
                Arguments.of(threeNegatives(), null),
                Arguments.of(List.of(negative("a", 11), negative("b", 6),
                        new SubmissionAbandonment.Lookup("c", NOW.minusMinutes(1), "not_found", false, "intent-1", "fp", SID)),
                        "submission_abandonment_latest_evidence_not_negative"),
                Arguments.of(List.of(negative("a", 11), negative("b", 6),
                        new SubmissionAbandonment.Lookup("c", NOW.minusMinutes(1), "not_found", true, "intent-1", "other", SID)),
                        "submission_abandonment_negative_evidence_insufficient"),
                Arguments.of(List.of(negative("a", 11), negative("b", 6), negative("c", 2),
                        new SubmissionAbandonment.Lookup("d", NOW.minusMinutes(1), "ambiguous", true, "intent-1", "fp", SID)),
                        "submission_abandonment_scheduler_match_observed"),
                Arguments.of(List.of(negative("a", 11), negative("b", 6), negative("c", 2),
                        new SubmissionAbandonment.Lookup("d", NOW.minusMinutes(1), "error", false, "intent-1", "fp", SID)),
                        "submission_abandonment_latest_evidence_not_negative"),
                Arguments.of(manySpaced, null),
                Arguments.of(List.of(negative("a", 21), negative("b", 16), negative("c", 11)),
                        "submission_abandonment_evidence_stale"),
                Arguments.of(List.of(negative("a", 9), negative("b", 6), negative("c", 1)),
                        "submission_abandonment_evidence_span_too_short"),
                Arguments.of(List.of(negative("a", 11), negative("b", 11), negative("c", 1)),
                        "submission_abandonment_distinct_evidence_insufficient"),
                Arguments.of(List.of(new SubmissionAbandonment.Lookup("a", null, "not_found", true, "intent-1", "fp", SID)),
                        "submission_abandonment_evidence_invalid"));
    }

    @ParameterizedTest
    @MethodSource("evidence")
    void evidenceRules(List<SubmissionAbandonment.Lookup> lookups, String code) {
        if (code == null) {
            assertThat(SubmissionAbandonment.check(request(), facts(ledger()), lookups)).hasSize(3).doesNotHaveDuplicates();
            return;
        }
        assertCode(facts(ledger()), lookups, code);
    }

    private static void assertCode(SubmissionAbandonment.Facts f, List<SubmissionAbandonment.Lookup> lookups, String code) {
        assertThatThrownBy(() -> SubmissionAbandonment.check(request(), f, lookups))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code()).isEqualTo(code));
    }
}
