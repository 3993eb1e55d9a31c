package dev.beampipe.model.ledger.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CancellationRulesTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // state, expected: "ledger", "slurm:<id>", "daliuge:<sid>" or "409:<message start>"
                Arguments.of(Ledgers.status("pending"), "ledger"),
                Arguments.of(Ledgers.status("retrying"), "ledger"),
                Arguments.of(Ledgers.status("running"), "ledger"),
                Arguments.of(Ledgers.status("completed"), "409:execution is already terminal (completed)"),
                Arguments.of(Ledgers.status("failed"), "409:execution is already terminal (failed)"),
                Arguments.of(Ledgers.status("not_submitted"), "409:execution is already terminal (not_submitted)"),
                Arguments.of(Ledgers.status("cancelled"), "409:execution is already terminal (cancelled)"),
                Arguments.of(Ledgers.status("weird"), "409:execution has an unknown ledger status"),
                Arguments.of(Ledgers.status("running").submission("in_flight"), "409:execution submission outcome is unresolved"),
                Arguments.of(Ledgers.status("awaiting_scheduler").submission("uncertain").scheduler("slurm"),
                        "409:execution submission outcome is unresolved"),
                Arguments.of(Ledgers.status("awaiting_scheduler").submission("uncertain").slurm("12a", "unknown"),
                        "409:execution submission outcome is unresolved"),
                Arguments.of(Ledgers.status("awaiting_scheduler").submission("uncertain").slurm("4242", "unknown"),
                        "slurm:4242"),
                Arguments.of(Ledgers.status("awaiting_scheduler").submission("submitted").slurm("77", "pending"), "slurm:77"),
                Arguments.of(Ledgers.status("running").submission("submitted").slurm("77", "running"), "slurm:77"),
                Arguments.of(Ledgers.status("running").submission("submitted").slurm("77", "succeeded")
                        .daliuge("s1", "running"), "slurm:77"),
                Arguments.of(Ledgers.status("running").submission("submitted").slurm("77", "succeeded")
                        .daliuge("s1", "finished"), "ledger"),
                Arguments.of(Ledgers.status("running").submission("submitted").scheduler("daliuge")
                        .daliuge("BeampipeExecution-1", "running"), "daliuge:BeampipeExecution-1"),
                Arguments.of(Ledgers.status("running").submission("submitted").scheduler("daliuge")
                        .daliuge("BeampipeExecution-1", "finished"), "ledger"),
                Arguments.of(Ledgers.status("pending").submission("submitted").scheduler("daliuge")
                        .daliuge("BeampipeExecution-1", "running"), "ledger"),
                Arguments.of(Ledgers.status("running").submission("submitted").slurm("job-x", "running"),
                        "409:the execution has no exact Slurm job id"),
                Arguments.of(Ledgers.status("running").submission("submitted").scheduler("workflow_auto")
                        .daliuge("s", "running"), "409:the execution's external work cannot be identified"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void decides(Ledgers state, String expected) {
        if (expected.startsWith("409:")) {
            assertThatThrownBy(() -> CancellationRules.plan(state.build()))
                    .isInstanceOfSatisfying(ControlRejected.class, e -> {
                        assertThat(e.failure().status()).isEqualTo(409);
                        assertThat(e.failure().code()).isEqualTo("conflict");
                        assertThat(e.failure().message()).startsWith(expected.substring(4));
                    });
            return;
        }
        CancellationRules.Plan plan = CancellationRules.plan(state.build());
        String actual = plan.external() ? plan.backend().name().toLowerCase() + ":" + plan.externalId() : "ledger";
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"running", "failed", "pending", "CANCELLED", "''"})
    void onlyCancelledIsAccepted(String status) {
        assertThatThrownBy(() -> CancellationRules.requireCancelled(status))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(400);
                    assertThat(e.failure().message()).isEqualTo("the public execution patch endpoint only supports status=cancelled");
                });
        CancellationRules.requireCancelled("cancelled");
    }
}
