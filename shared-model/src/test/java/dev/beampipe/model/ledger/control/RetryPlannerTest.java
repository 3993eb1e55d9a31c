package dev.beampipe.model.ledger.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPlannerTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Ledgers.status("failed"), "stage_and_manifest/true/admitted"),
                Arguments.of(Ledgers.status("failed").phase("submit").manifest(), "submit/false/graph_patched"),
                Arguments.of(Ledgers.status("failed").submission("failed").manifest(), "submit/false/graph_patched"),
                Arguments.of(Ledgers.status("failed").submission("failed"), "stage_and_manifest/true/admitted"),
                Arguments.of(Ledgers.status("failed").phase("submit"), "retry_manifest_missing"),
                Arguments.of(Ledgers.status("running"), "execution_not_failed"),
                Arguments.of(Ledgers.status("retrying"), "execution_not_failed"),
                Arguments.of(Ledgers.status("cancelled"), "execution_not_failed"),
                Arguments.of(Ledgers.status("failed").outcome("inconsistent").submission("in_flight"), "external_state_inconsistent"),
                Arguments.of(Ledgers.status("failed").submission("in_flight"), "submission_may_exist"),
                Arguments.of(Ledgers.status("failed").submission("uncertain"), "submission_may_exist"),
                Arguments.of(Ledgers.status("failed").submission("submitted").slurm("1", "pending"), "submission_may_exist"),
                Arguments.of(Ledgers.status("failed").submission("preparing"), "submission_may_exist"),
                Arguments.of(Ledgers.status("failed").slurm("5", "not_submitted"), "scheduler_work_exists"),
                Arguments.of(Ledgers.status("failed").slurm(null, "failed"), "scheduler_work_exists"),
                Arguments.of(Ledgers.status("failed").daliuge("s", "failed"), "daliuge_session_may_exist"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void plans(Ledgers state, String expected) {
        if (!expected.contains("/")) {
            assertThatThrownBy(() -> RetryPlanner.plan(state.build(), "operator fixed the archive"))
                    .isInstanceOfSatisfying(ControlRejected.class, e -> {
                        assertThat(e.failure().status()).isEqualTo(409);
                        assertThat(e.failure().code()).isEqualTo(expected);
                        assertThat(e.failure().component()).isEqualTo("execution_retry");
                        assertThat(e.failure().failureClass()).isEqualTo("inconsistent_state");
                    });
            return;
        }
        RetryPlanner.Plan plan = RetryPlanner.plan(state.build(), "  operator fixed the archive ");
        assertThat(plan.stage() + "/" + plan.doStage() + "/" + plan.controlPhase()).isEqualTo(expected);
        assertThat(plan.doSubmit()).isTrue();
        assertThat(plan.reason()).isEqualTo("operator fixed the archive");
    }

    @Test
    void reasonIsRequiredAndBounded() {
        assertThatThrownBy(() -> RetryPlanner.plan(Ledgers.status("running").build(), "   "))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("retry_reason_required"));
        assertThatThrownBy(() -> RetryPlanner.reason(null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("retry_reason_required"));
        assertThatThrownBy(() -> RetryPlanner.reason("é".repeat(501)))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("retry_reason_too_long"));
        assertThat(RetryPlanner.reason("x".repeat(1000))).hasSize(1000);
    }
}
