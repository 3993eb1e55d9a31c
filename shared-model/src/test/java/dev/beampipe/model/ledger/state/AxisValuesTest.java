package dev.beampipe.model.ledger.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxisValuesTest {

    @Test
    void valueSetsAreExactlyTheSpecs() {
        assertThat(wires(ControlPhase.values())).containsExactly("discovered", "admission_pending", "admitted",
                "manifest_generated", "graph_patched", "translated", "submission_pending", "submitted", "monitoring",
                "output_verification", "terminal");
        assertThat(wires(SubmissionState.values())).containsExactly("not_started", "preparing", "in_flight",
                "submitted", "uncertain", "failed");
        assertThat(wires(SchedulerState.values())).containsExactly("not_submitted", "pending", "running", "succeeded",
                "failed", "cancelled", "timed_out", "unknown");
        assertThat(wires(DaliugeState.values())).containsExactly("not_created", "pristine", "building", "deploying",
                "running", "finished", "cancelled", "failed", "unknown", "unreachable");
        assertThat(wires(OutputState.values())).containsExactly("not_started", "pending", "verifying", "verified",
                "failed", "unknown");
        assertThat(wires(TerminalOutcome.values())).containsExactly("succeeded", "failed", "cancelled", "inconsistent");
        assertThat(wires(FailureClass.values())).containsExactly("validation", "configuration", "authentication",
                "authorization", "not_found", "conflict", "dependency_unavailable", "connectivity", "timeout",
                "rate_limited", "unsupported", "cancelled", "inconsistent_state", "internal");
    }

    @Test
    void everyStoredValueRoundTrips() {
        for (ControlPhase v : ControlPhase.values()) assertThat(ControlPhase.parse(v.wire())).isSameAs(v);
        for (SubmissionState v : SubmissionState.values()) assertThat(SubmissionState.parse(v.wire())).isSameAs(v);
        for (SchedulerState v : SchedulerState.values()) assertThat(SchedulerState.parse(v.wire())).isSameAs(v);
        for (DaliugeState v : DaliugeState.values()) assertThat(DaliugeState.parse(v.wire())).isSameAs(v);
        for (OutputState v : OutputState.values()) assertThat(OutputState.parse(v.wire())).isSameAs(v);
        for (TerminalOutcome v : TerminalOutcome.values()) assertThat(TerminalOutcome.parse(v.wire())).isSameAs(v);
        for (FailureClass v : FailureClass.values()) assertThat(FailureClass.parse(v.wire())).isSameAs(v);
    }

    @ParameterizedTest(name = "\"{0}\" parses to the defaults")
    @CsvSource(nullValues = "NULL", value = {"NULL", "''", "weird", "RUNNING", "' running'"})
    void unknownOrNullTextParsesToTheDefault(String text) {
        assertThat(ControlPhase.parse(text)).isEqualTo(ControlPhase.DISCOVERED);
        assertThat(SubmissionState.parse(text)).isEqualTo(SubmissionState.NOT_STARTED);
        assertThat(SchedulerState.parse(text)).isEqualTo(SchedulerState.NOT_SUBMITTED);
        assertThat(DaliugeState.parse(text)).isEqualTo(DaliugeState.NOT_CREATED);
        assertThat(OutputState.parse(text)).isEqualTo(OutputState.NOT_STARTED);
        assertThat(TerminalOutcome.parse(text)).isNull();
        assertThat(FailureClass.parse(text)).isNull();
    }

    @Test
    void activeSets() {
        assertThat(Arrays.stream(SchedulerState.values()).filter(SchedulerState::active))
                .containsExactlyInAnyOrder(SchedulerState.PENDING, SchedulerState.RUNNING);
        assertThat(Arrays.stream(DaliugeState.values()).filter(DaliugeState::active)).containsExactlyInAnyOrder(
                DaliugeState.PRISTINE, DaliugeState.BUILDING, DaliugeState.DEPLOYING, DaliugeState.RUNNING);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "PENDING, pending", "RUNNING, running", "COMPLETED, succeeded", "SUCCEEDED, succeeded", "FAILED, failed",
            "CANCELLED, cancelled", "CANCELED, cancelled", "TIMEOUT, timed_out", "TIMED_OUT, timed_out",
            "NOT_SUBMITTED, not_submitted", "'  completed ', succeeded", "Running, running",
            "COMPLETING, unknown", "WEIRD, unknown", "'', unknown", "NULL, unknown"})
    void slurmTokensMapTrimmedAndCaseInsensitive(String token, String expected) {
        assertThat(SchedulerState.fromSlurmToken(token).wire()).isEqualTo(expected);
    }

    // 10-state §7.5 item 54: in_flight, uncertain, submitted hold automatic work; not_started, preparing, failed,
    // absent do not.
    @ParameterizedTest(name = "{0} holds automatic work: {1}")
    @CsvSource(nullValues = "NULL", value = {"in_flight, true", "uncertain, true", "submitted, true",
            "not_started, false", "preparing, false", "failed, false", "NULL, false"})
    void submissionStatesThatHoldAutomaticWork(String stored, boolean holds) {
        assertThat(SubmissionState.parse(stored).holdsAutomaticWork()).isEqualTo(holds);
    }

    @Test
    void executionPhaseIsNullOrOneOfTheCheckedValues() {
        assertThat(ExecutionPhase.parse(null)).isNull();
        assertThat(ExecutionPhase.parse("submit")).isEqualTo(ExecutionPhase.SUBMIT);
        assertThat(ExecutionPhase.parse("stage_and_manifest")).isEqualTo(ExecutionPhase.STAGE_AND_MANIFEST);
        assertThatThrownBy(() -> ExecutionPhase.parse("poll")).hasMessage("unknown execution phase 'poll'");
    }

    private static String[] wires(AxisValue[] values) {
        return Arrays.stream(values).map(AxisValue::wire).toArray(String[]::new);
    }
}
