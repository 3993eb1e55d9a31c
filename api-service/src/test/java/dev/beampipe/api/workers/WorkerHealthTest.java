package dev.beampipe.api.workers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerHealthTest {
    @ParameterizedTest(name = "{0} after {1} s (stale after {2}) -> {3}")
    @CsvSource({
            "active,    0,   30, healthy",
            "active,    30,  30, healthy",
            "active,    31,  30, stale",
            "draining,  5,   30, draining",
            "draining,  31,  30, stale",
            "stopped,   0,   30, stopped",
            "stopped,   999, 30, stopped",
            "lost,      0,   30, stale",
            "unhealthy, 0,   30, healthy",
            "active,    89,  90, healthy",
            "active,    91,  90, stale"})
    void healthFollowsTheReferencesPrecedence(String status, long age, int staleAfter, String expected) {
        assertThat(WorkerHealth.of(status, age, staleAfter)).isEqualTo(expected);
    }
}
