package dev.beampipe.model.ledger.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile() table of 10-state §2.4, row by row, then where two rules match, then exhaustively. */
class ReconcileTest {

    /**
     * submission | scheduler | daliuge | output | verification required || rule | status | outcome | next action |
     * mismatch code | requires operator. "-" = none. Ordered by rule.
     */
    static final String[] RULE_TABLE = {
            // 1: outputs failed OR submission failed
            "submitted  | running       | running     | failed      | false || 1  | failed             | failed       | none            | -                                      | -",
            "failed     | not_submitted | not_created | not_started | false || 1  | failed             | failed       | none            | -                                      | -",
            // 2: daliuge failed
            "submitted  | not_submitted | failed      | not_started | false || 2  | failed             | failed       | none            | -                                      | -",
            "submitted  | running       | failed      | not_started | false || 2  | failed             | failed       | poll_scheduler  | daliuge_failed_scheduler_active        | false",
            "submitted  | pending       | failed      | pending     | true  || 2  | failed             | failed       | poll_scheduler  | daliuge_failed_scheduler_active        | false",
            // 3: scheduler failed or timed_out
            "submitted  | failed        | not_created | not_started | false || 3  | failed             | failed       | none            | -                                      | -",
            "submitted  | timed_out     | finished    | not_started | false || 3  | failed             | failed       | none            | -                                      | -",
            "submitted  | timed_out     | running     | not_started | false || 3  | failed             | failed       | poll_daliuge    | scheduler_failed_daliuge_active        | false",
            // 4: scheduler succeeded AND daliuge active
            "submitted  | succeeded     | deploying   | not_started | false || 4  | failed             | inconsistent | operator_review | scheduler_finished_daliuge_active      | true",
            // 5: scheduler cancelled OR daliuge cancelled
            "submitted  | cancelled     | not_created | not_started | false || 5  | cancelled          | cancelled    | none            | -                                      | -",
            "submitted  | not_submitted | cancelled   | not_started | false || 5  | cancelled          | cancelled    | none            | -                                      | -",
            "submitted  | succeeded     | cancelled   | not_started | false || 5  | cancelled          | cancelled    | none            | -                                      | -",
            "submitted  | cancelled     | running     | not_started | false || 5  | cancelled          | inconsistent | operator_review | partial_cancellation                   | true",
            "submitted  | running       | cancelled   | not_started | false || 5  | cancelled          | inconsistent | operator_review | partial_cancellation                   | true",
            // 6: daliuge finished AND scheduler in {succeeded, not_submitted}; the completion gate
            "submitted  | succeeded     | finished    | not_started | false || 6  | completed          | succeeded    | none            | -                                      | -",
            "submitted  | not_submitted | finished    | not_started | false || 6  | completed          | succeeded    | none            | -                                      | -",
            "submitted  | succeeded     | finished    | pending     | true  || 6  | running            | -            | verify_outputs  | -                                      | -",
            "submitted  | not_submitted | finished    | unknown     | true  || 6  | running            | -            | verify_outputs  | -                                      | -",
            "submitted  | succeeded     | finished    | verified    | true  || 6  | completed          | succeeded    | none            | -                                      | -",
            // 7: submission uncertain
            "uncertain  | not_submitted | not_created | not_started | false || 7  | awaiting_scheduler | -            | poll_scheduler  | submission_outcome_uncertain           | false",
            // 8: scheduler pending
            "submitted  | pending       | not_created | not_started | false || 8  | awaiting_scheduler | -            | poll_scheduler  | -                                      | -",
            // 9: scheduler running OR daliuge active
            "submitted  | running       | not_created | not_started | false || 9  | running            | -            | poll_daliuge    | -                                      | -",
            "submitted  | not_submitted | running     | not_started | false || 9  | running            | -            | poll_daliuge    | -                                      | -",
            "submitted  | not_submitted | pristine    | not_started | false || 9  | running            | -            | poll_daliuge    | -                                      | -",
            // 10: scheduler succeeded AND daliuge in {unknown, unreachable, not_created}
            "submitted  | succeeded     | unknown     | not_started | false || 10 | awaiting_scheduler | -            | poll_daliuge    | scheduler_finished_daliuge_unconfirmed | false",
            "submitted  | succeeded     | unreachable | not_started | false || 10 | awaiting_scheduler | -            | poll_daliuge    | scheduler_finished_daliuge_unconfirmed | false",
            "submitted  | succeeded     | not_created | pending     | true  || 10 | awaiting_scheduler | -            | poll_daliuge    | scheduler_finished_daliuge_unconfirmed | false",
            // 11: scheduler unknown
            "submitted  | unknown       | not_created | not_started | false || 11 | awaiting_scheduler | -            | poll_scheduler  | -                                      | -",
            "in_flight  | unknown       | unreachable | not_started | false || 11 | awaiting_scheduler | -            | poll_scheduler  | -                                      | -",
            // 12: otherwise
            "not_started| not_submitted | not_created | not_started | false || 12 | pending            | -            | wait            | -                                      | -",
            "in_flight  | not_submitted | not_created | pending     | true  || 12 | pending            | -            | wait            | -                                      | -",
            "submitted  | not_submitted | unknown     | verifying   | false || 12 | pending            | -            | wait            | -                                      | -",
    };

    /** Axes where two (or more) rules match: the earlier rule wins. Same columns. */
    static final String[] PRECEDENCE = {
            "submitted  | cancelled     | not_created | failed      | false || 1  | failed             | failed       | none            | -                                      | -", // 1 over 5
            "failed     | succeeded     | finished    | not_started | false || 1  | failed             | failed       | none            | -                                      | -", // 1 over 6
            "submitted  | running       | failed      | failed      | false || 1  | failed             | failed       | none            | -                                      | -", // 1 over 2 (no mismatch)
            "uncertain  | pending       | not_created | failed      | false || 1  | failed             | failed       | none            | -                                      | -", // 1 over 7, 8
            "submitted  | failed        | failed      | not_started | false || 2  | failed             | failed       | none            | -                                      | -", // 2 over 3
            "submitted  | cancelled     | failed      | not_started | false || 2  | failed             | failed       | none            | -                                      | -", // 2 over 5
            "submitted  | timed_out     | cancelled   | not_started | false || 3  | failed             | failed       | none            | -                                      | -", // 3 over 5
            "submitted  | failed        | running     | not_started | false || 3  | failed             | failed       | poll_daliuge    | scheduler_failed_daliuge_active        | false", // 3 over 9
            "submitted  | succeeded     | running     | not_started | false || 4  | failed             | inconsistent | operator_review | scheduler_finished_daliuge_active      | true", // 4 over 9
            "uncertain  | cancelled     | not_created | not_started | false || 5  | cancelled          | cancelled    | none            | -                                      | -", // 5 over 7
            "uncertain  | succeeded     | finished    | not_started | false || 6  | completed          | succeeded    | none            | -                                      | -", // 6 over 7
            "uncertain  | succeeded     | finished    | pending     | true  || 6  | running            | -            | verify_outputs  | -                                      | -", // 6 over 7, gated
            "uncertain  | pending       | not_created | not_started | false || 7  | awaiting_scheduler | -            | poll_scheduler  | submission_outcome_uncertain           | false", // 7 over 8
            "uncertain  | running       | running     | not_started | false || 7  | awaiting_scheduler | -            | poll_scheduler  | submission_outcome_uncertain           | false", // 7 over 9
            "submitted  | pending       | running     | not_started | false || 8  | awaiting_scheduler | -            | poll_scheduler  | -                                      | -", // 8 over 9
            "submitted  | unknown       | running     | not_started | false || 9  | running            | -            | poll_daliuge    | -                                      | -", // 9 over 11 (§7.4 item 41)
    };

    record Row(String line, Axes axes, int rule, ExecutionStatus status, TerminalOutcome outcome, NextAction next,
               String mismatchCode, Boolean requiresOperator) {
        @Override
        public String toString() {
            return line.replaceAll("\\s+", " ");
        }
    }

    static Row row(String line) {
        String[] halves = line.split("\\|\\|");
        String[] in = cells(halves[0]);
        String[] out = cells(halves[1]);
        Axes axes = new Axes(SubmissionState.valueOf(in[0].toUpperCase()), SchedulerState.valueOf(in[1].toUpperCase()),
                DaliugeState.valueOf(in[2].toUpperCase()), OutputState.valueOf(in[3].toUpperCase()),
                Boolean.parseBoolean(in[4]));
        return new Row(line, axes, Integer.parseInt(out[0]), ExecutionStatus.parse(out[1]),
                "-".equals(out[2]) ? null : TerminalOutcome.valueOf(out[2].toUpperCase()),
                NextAction.valueOf(out[3].toUpperCase()), "-".equals(out[4]) ? null : out[4],
                "-".equals(out[5]) ? null : Boolean.parseBoolean(out[5]));
    }

    private static String[] cells(String half) {
        return java.util.Arrays.stream(half.split("\\|")).map(String::trim).toArray(String[]::new);
    }

    static List<Row> ruleTable() {
        return java.util.Arrays.stream(RULE_TABLE).map(ReconcileTest::row).toList();
    }

    static List<Row> precedence() {
        return java.util.Arrays.stream(PRECEDENCE).map(ReconcileTest::row).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleTable")
    void eachRuleOfTheTable(Row row) {
        assertDecision(Reconcile.decide(row.axes()), row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void whenTwoRulesMatchTheEarlierWins(Row row) {
        assertDecision(Reconcile.decide(row.axes()), row);
        int firstMatch = firstMatchingRule(row.axes());
        assertThat(firstMatch).isEqualTo(row.rule());
        assertThat(IntStream.rangeClosed(firstMatch + 1, 12).filter(r -> SPEC_CONDITIONS.get(r - 1).test(row.axes())))
                .as("a precedence case must match a later rule too").isNotEmpty();
    }

    @Test
    void theRowTableCoversEveryRuleOnceOrMoreInOrder() {
        List<Integer> rules = ruleTable().stream().map(Row::rule).toList();
        assertThat(new TreeSet<>(rules)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(rules).isSorted();
    }

    /** The twelve conditions of §2.4, typed out again independently of {@link Reconcile}. */
    static final List<Predicate<Axes>> SPEC_CONDITIONS = List.of(
            a -> a.output() == OutputState.FAILED || a.submission() == SubmissionState.FAILED,
            a -> a.daliuge() == DaliugeState.FAILED,
            a -> Set.of(SchedulerState.FAILED, SchedulerState.TIMED_OUT).contains(a.scheduler()),
            a -> a.scheduler() == SchedulerState.SUCCEEDED && dlgActive(a),
            a -> a.scheduler() == SchedulerState.CANCELLED || a.daliuge() == DaliugeState.CANCELLED,
            a -> a.daliuge() == DaliugeState.FINISHED
                    && Set.of(SchedulerState.SUCCEEDED, SchedulerState.NOT_SUBMITTED).contains(a.scheduler()),
            a -> a.submission() == SubmissionState.UNCERTAIN,
            a -> a.scheduler() == SchedulerState.PENDING,
            a -> a.scheduler() == SchedulerState.RUNNING || dlgActive(a),
            a -> a.scheduler() == SchedulerState.SUCCEEDED
                    && Set.of(DaliugeState.UNKNOWN, DaliugeState.UNREACHABLE, DaliugeState.NOT_CREATED).contains(a.daliuge()),
            a -> a.scheduler() == SchedulerState.UNKNOWN,
            a -> true);

    private static boolean dlgActive(Axes a) {
        return Set.of(DaliugeState.PRISTINE, DaliugeState.BUILDING, DaliugeState.DEPLOYING, DaliugeState.RUNNING)
                .contains(a.daliuge());
    }

    private static int firstMatchingRule(Axes a) {
        for (int i = 0; i < SPEC_CONDITIONS.size(); i++) {
            if (SPEC_CONDITIONS.get(i).test(a)) {
                return i + 1;
            }
        }
        throw new AssertionError("rule 12 always matches");
    }

    static List<Axes> everyAxesCombination() {
        List<Axes> all = new ArrayList<>();
        for (SubmissionState s : SubmissionState.values())
            for (SchedulerState sc : SchedulerState.values())
                for (DaliugeState d : DaliugeState.values())
                    for (OutputState o : OutputState.values())
                        for (boolean req : new boolean[]{false, true})
                            all.add(new Axes(s, sc, d, o, req));
        return all;
    }

    @Test
    void exhaustivelyTheFirstMatchingRuleDecides() {
        List<Axes> all = everyAxesCombination();
        assertThat(all).hasSize(6 * 8 * 10 * 6 * 2);
        for (Axes a : all) {
            assertThat(Reconcile.decide(a).rule()).as(a.toString()).isEqualTo(firstMatchingRule(a));
        }
    }

    @Test
    void exhaustivelyTheCompletionGateHoldsAndOutcomesGoWithTerminalStatuses() {
        for (Axes a : everyAxesCombination()) {
            Decision d = Reconcile.decide(a);
            if (a.outputVerificationRequired() && a.output() != OutputState.VERIFIED) {
                assertThat(d.status()).as(a.toString()).isNotEqualTo(ExecutionStatus.COMPLETED);
            }
            assertThat(d.outcome() != null).as(a.toString()).isEqualTo(d.status().terminal());
            assertThat(d.status()).as("reconcile never yields these").isNotIn(ExecutionStatus.NOT_SUBMITTED,
                    ExecutionStatus.RETRYING);
            assertThat(Reconcile.awaitsOutputVerification(a)).isEqualTo(d.nextAction() == NextAction.VERIFY_OUTPUTS);
        }
    }

    // §7.4 item 41: an unknown scheduler state + a running DALiuGE never reconciles to a terminal status
    @Test
    void unknownSchedulerWithRunningDaliugeIsNeverTerminal() {
        for (SubmissionState s : SubmissionState.values()) {
            for (OutputState o : OutputState.values()) {
                if (s == SubmissionState.FAILED || o == OutputState.FAILED) {
                    continue; // rule 1 is about the submission/outputs, not the two layers
                }
                Decision d = Reconcile.decide(new Axes(s, SchedulerState.UNKNOWN, DaliugeState.RUNNING, o, true));
                assertThat(d.status().terminal()).as(s + "/" + o).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void aPendingDecisionNeverDemotesANonPendingStatus(ExecutionStatus current) {
        Reconciliation r = Reconcile.reconcile(Axes.initial(false), current);
        assertThat(r.decision().status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(r.status()).isEqualTo(current);
        assertThat(r.previousStatus()).isEqualTo(current);
        assertThat(r.enteredTerminal()).isFalse();
    }

    @Test
    void enteredTerminalOnlyWhenANonTerminalStatusBecomesTerminal() {
        Axes finished = Axes.initial(false).with(SubmissionState.SUBMITTED).with(DaliugeState.FINISHED);
        assertThat(Reconcile.reconcile(finished, ExecutionStatus.RUNNING).enteredTerminal()).isTrue();
        assertThat(Reconcile.reconcile(finished, ExecutionStatus.AWAITING_SCHEDULER).enteredTerminal()).isTrue();
        assertThat(Reconcile.reconcile(finished, ExecutionStatus.PENDING).enteredTerminal()).isTrue();
        assertThat(Reconcile.reconcile(finished, ExecutionStatus.FAILED).enteredTerminal()).isFalse();
        Axes running = finished.with(DaliugeState.RUNNING);
        Reconciliation r = Reconcile.reconcile(running, ExecutionStatus.AWAITING_SCHEDULER);
        assertThat(r.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(r.enteredTerminal()).isFalse();
        // a reconciliation may move running -> awaiting_scheduler (no allows check involved)
        assertThat(Reconcile.reconcile(running.with(SchedulerState.PENDING).with(DaliugeState.NOT_CREATED),
                ExecutionStatus.RUNNING).status()).isEqualTo(ExecutionStatus.AWAITING_SCHEDULER);
    }

    private static void assertDecision(Decision d, Row row) {
        assertThat(d.rule()).as("rule").isEqualTo(row.rule());
        assertThat(d.status()).as("status").isEqualTo(row.status());
        assertThat(d.outcome()).as("outcome").isEqualTo(row.outcome());
        assertThat(d.nextAction()).as("next action").isEqualTo(row.next());
        if (row.mismatchCode() == null) {
            assertThat(d.mismatch()).as("mismatch").isNull();
        } else {
            assertThat(d.mismatch()).as("mismatch").isNotNull();
            assertThat(d.mismatch().code()).isEqualTo(row.mismatchCode());
            assertThat(d.mismatch().requiresOperator()).isEqualTo(row.requiresOperator());
            assertThat(d.mismatch().message()).isNotBlank();
        }
    }
}
