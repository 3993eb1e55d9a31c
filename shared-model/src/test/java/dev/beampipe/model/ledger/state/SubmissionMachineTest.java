package dev.beampipe.model.ledger.state;

import dev.beampipe.model.ledger.state.SubmissionMachine.Begin;
import dev.beampipe.model.ledger.state.SubmissionMachine.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The submission state machine of 10-state §2.5. */
class SubmissionMachineTest {

    /** from | event -> to, typed from the spec table; every (from, event) pair not listed is refused. */
    private static final String[] TABLE = {
            "in_flight RECEIPT submitted", "uncertain RECEIPT submitted",
            "in_flight DEFINITE_ERROR failed",
            "in_flight AMBIGUOUS_ERROR uncertain",
            "in_flight WORKER_ERROR_AFTER_INTENT uncertain", "uncertain WORKER_ERROR_AFTER_INTENT uncertain",
            "submitted WORKER_ERROR_AFTER_INTENT submitted",
            "in_flight EXACT_NAME_MATCH uncertain", "uncertain EXACT_NAME_MATCH uncertain",
            "failed OPERATOR_RETRY not_started", "not_started OPERATOR_RETRY not_started",
            "in_flight OPERATOR_ABANDONMENT in_flight", "uncertain OPERATOR_ABANDONMENT uncertain",
    };

    @Test
    void everyFromEventPairFollowsTheTable() {
        Map<String, String> expected = new HashMap<>();
        for (String line : TABLE) {
            String[] p = line.split(" ");
            expected.put(p[0] + " " + p[1], p[2]);
        }
        int checked = 0;
        for (SubmissionState from : SubmissionState.values()) {
            for (Event event : Event.values()) {
                String to = expected.get(from.wire() + " " + event.name());
                if (to == null) {
                    assertThatThrownBy(() -> SubmissionMachine.next(from, event)).as(from + " " + event)
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining(from.wire());
                } else {
                    assertThat(SubmissionMachine.next(from, event).wire()).as(from + " " + event).isEqualTo(to);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * 7);
    }

    @ParameterizedTest(name = "{0} / \"{1}\" -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "running, not_started, BEGIN", "running, NULL, BEGIN", "running, preparing, BEGIN", "running, failed, BEGIN",
            "retrying, failed, BEGIN", "pending, not_started, BEGIN",
            "running, in_flight, NOT_BEGUN", "running, uncertain, NOT_BEGUN", "running, submitted, NOT_BEGUN",
            "failed, not_started, NOT_BEGUN", "not_submitted, not_started, NOT_BEGUN", "cancelled, failed, NOT_BEGUN",
            "completed, not_started, NOT_BEGUN"})
    void beginGuard(String status, String stored, Begin expected) {
        assertThat(SubmissionMachine.begin(ExecutionStatus.parse(status), stored)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"PENDING", "RUNNING", "RETRYING", "AWAITING_SCHEDULER"})
    void beginRefusesTextOutsideTheValueSet(ExecutionStatus status) {
        assertThatThrownBy(() -> SubmissionMachine.begin(status, "half_done"))
                .hasMessage("execution submission cannot begin from submission_state 'half_done'");
    }
}
