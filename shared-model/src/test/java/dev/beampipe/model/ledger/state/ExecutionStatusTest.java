package dev.beampipe.model.ledger.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.beampipe.model.ledger.state.ExecutionStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionStatusTest {

    /** 10-state §2.3, typed out again from the spec (not derived from the implementation). */
    private static final Map<String, Set<String>> SPEC_TABLE = Map.of(
            "pending", Set.of("running", "cancelled", "failed"),
            "running", Set.of("awaiting_scheduler", "completed", "not_submitted", "failed", "cancelled"),
            "awaiting_scheduler", Set.of("running", "completed", "failed", "cancelled"),
            "not_submitted", Set.of("running", "cancelled"),
            "failed", Set.of("retrying", "running", "cancelled"),
            "retrying", Set.of("running", "failed", "cancelled"),
            "completed", Set.of(),
            "cancelled", Set.of());

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ExecutionStatus from : values()) {
            for (ExecutionStatus to : values()) {
                boolean expected = from == to || SPEC_TABLE.get(from.wire()).contains(to.wire());
                pairs.add(Arguments.of(from, to, expected));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void allowsMatchesTheSpecTableForEveryPair(ExecutionStatus from, ExecutionStatus to, boolean expected) {
        assertThat(ExecutionStatus.allows(from, to)).isEqualTo(expected);
    }

    @Test
    void theTableCoversAllEightStatusesSoThePairTestIsExhaustive() {
        assertThat(everyPair().count()).isEqualTo(64);
        assertThat(Arrays.stream(values()).map(ExecutionStatus::wire).collect(Collectors.toSet()))
                .isEqualTo(SPEC_TABLE.keySet());
    }

    @Test
    void sets() {
        assertThat(TERMINAL).containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED, NOT_SUBMITTED);
        assertThat(LOCKED_TERMINAL).containsExactlyInAnyOrder(COMPLETED, CANCELLED);
        assertThat(IN_FLIGHT).containsExactlyInAnyOrder(PENDING, RUNNING, RETRYING, AWAITING_SCHEDULER);
        assertThat(NON_TERMINAL_FOR_METRICS)
                .containsExactlyInAnyOrder(PENDING, RUNNING, AWAITING_SCHEDULER, RETRYING, NOT_SUBMITTED);
        assertThat(TERMINAL).containsAll(LOCKED_TERMINAL);
        for (ExecutionStatus s : values()) {
            assertThat(s.terminal()).isEqualTo(TERMINAL.contains(s));
            assertThat(s.lockedTerminal()).isEqualTo(LOCKED_TERMINAL.contains(s));
            assertThat(s.inFlight()).isEqualTo(IN_FLIGHT.contains(s));
            assertThat(s.inFlight() && s.terminal()).as(s.wire()).isFalse();
        }
    }

    @Test
    void lockedTerminalStatusesAllowNothingButThemselves() {
        for (ExecutionStatus locked : LOCKED_TERMINAL) {
            for (ExecutionStatus to : values()) {
                assertThat(ExecutionStatus.allows(locked, to)).isEqualTo(to == locked);
            }
        }
    }

    @Test
    void parseReadsTheStoredTextAndRejectsAnythingElse() {
        for (ExecutionStatus s : values()) {
            assertThat(ExecutionStatus.parse(s.wire())).isSameAs(s);
        }
        assertThatThrownBy(() -> ExecutionStatus.parse("RUNNING")).hasMessage("unknown execution status 'RUNNING'");
        assertThatThrownBy(() -> ExecutionStatus.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
