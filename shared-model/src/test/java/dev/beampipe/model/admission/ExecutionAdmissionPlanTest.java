package dev.beampipe.model.admission;

import dev.beampipe.model.admission.ExecutionAdmissionPlan.Admit;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Decision;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Facts;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.ProfileFacts;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Skip;
import dev.beampipe.model.config.model.ExecutionAutomation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The execution tick's gates and sizing (10-state-and-jobs §3.8 steps 1-7), one row per skip reason and limit. */
class ExecutionAdmissionPlanTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    /** Defaults: chunk 20, source limit 500, run limit 20, min 1, wait 1440 min; project cap 10, global 100, queue 200. */
    static ExecutionLimits limits() {
        return new ExecutionLimits(20, 500, 20, 1, 1440, 180, 10L, 100, 200);
    }

    /** Nothing in flight, an empty queue, 5 sources pending for 10 minutes, an uncapped profile. */
    static Facts facts() {
        return new Facts(0, 0, 0, 5, NOW.minus(Duration.ofMinutes(10)), ProfileFacts.of(null, 0), NOW);
    }

    static Facts with(Facts f, long project, long global, long queue, long pending, Instant oldest, ProfileFacts p) {
        return new Facts(project, global, queue, pending, oldest, p, f.now());
    }

    static Stream<Arguments> table() {
        Facts f = facts();
        ExecutionLimits l = limits();
        ExecutionLimits noProjectCap = new ExecutionLimits(20, 500, 20, 1, 1440, 180, null, 100, 200);
        ExecutionLimits minThree = new ExecutionLimits(20, 500, 20, 3, 60, 180, 10L, 100, 200);
        ExecutionLimits wallaby = new ExecutionLimits(1, 1000, 50, 1, 1440, 180, 10L, 100, 200);
        Instant old = NOW.minus(Duration.ofMinutes(60));
        return Stream.of(
                Arguments.of("project cap reached", l, with(f, 10, 10, 0, 5, f.oldestPendingAt(), f.profile()),
                        new Skip(SkipReason.PROJECT_IN_FLIGHT_CAP)),
                Arguments.of("project cap unset: only the global cap", noProjectCap, with(f, 50, 50, 0, 5, f.oldestPendingAt(), f.profile()),
                        new Admit(20, 400)),
                Arguments.of("global cap reached", l, with(f, 0, 100, 0, 5, f.oldestPendingAt(), f.profile()),
                        new Skip(SkipReason.IN_FLIGHT_CAP)),
                Arguments.of("queue full", l, with(f, 0, 0, 200, 5, f.oldestPendingAt(), f.profile()),
                        new Skip(SkipReason.QUEUE_FULL)),
                Arguments.of("queue one below the cap", l, with(f, 0, 0, 199, 5, f.oldestPendingAt(), f.profile()),
                        new Admit(10, 200)),
                Arguments.of("nothing pending", l, with(f, 0, 0, 0, 0, null, f.profile()),
                        new Skip(SkipReason.NO_PENDING_SOURCES)),
                Arguments.of("below min sources, young", minThree, with(f, 0, 0, 0, 2, NOW.minus(Duration.ofMinutes(59)), f.profile()),
                        new Skip(SkipReason.THRESHOLD_NOT_MET)),
                Arguments.of("below min sources, waited max_wait exactly", minThree, with(f, 0, 0, 0, 2, old, f.profile()),
                        new Admit(10, 200)),
                Arguments.of("min sources reached", minThree, with(f, 0, 0, 0, 3, NOW, f.profile()),
                        new Admit(10, 200)),
                Arguments.of("profile missing", l, with(f, 0, 0, 0, 5, f.oldestPendingAt(), ProfileFacts.MISSING),
                        new Skip(SkipReason.PROFILE_MISSING)),
                Arguments.of("profile missing but threshold first", minThree, with(f, 0, 0, 0, 1, NOW, ProfileFacts.MISSING),
                        new Skip(SkipReason.THRESHOLD_NOT_MET)),
                Arguments.of("profile cap reached", l, with(f, 0, 0, 0, 5, f.oldestPendingAt(), ProfileFacts.of(3L, 3)),
                        new Skip(SkipReason.PROFILE_IN_FLIGHT_CAP)),
                Arguments.of("profile cap bounds the run limit", l, with(f, 0, 0, 0, 5, f.oldestPendingAt(), ProfileFacts.of(3L, 1)),
                        new Admit(2, 40)),
                Arguments.of("project capacity bounds the run limit", l, with(f, 7, 7, 0, 5, f.oldestPendingAt(), f.profile()),
                        new Admit(3, 60)),
                Arguments.of("global capacity bounds the run limit", l, with(f, 0, 96, 0, 5, f.oldestPendingAt(), f.profile()),
                        new Admit(4, 80)),
                Arguments.of("tick source limit bounds the claim", new ExecutionLimits(20, 30, 20, 1, 1440, 180, null, 100, 200),
                        f, new Admit(20, 30)),
                Arguments.of("WALLABY: one source per execution", wallaby, f, new Admit(10, 10)),
                Arguments.of("WALLABY without a project cap: tick run limit", new ExecutionLimits(1, 1000, 50, 1, 1440, 180, null, 100, 200),
                        f, new Admit(50, 50)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, ExecutionLimits limits, Facts facts, Decision expected) {
        assertThat(ExecutionAdmissionPlan.plan(limits, facts)).isEqualTo(expected);
    }

    @Test
    void everySkipReasonIsReachable() {
        assertThat(table().map(a -> a.get()[3]).filter(Skip.class::isInstance).map(d -> ((Skip) d).reason()))
                .containsAll(List.of(SkipReason.PROJECT_IN_FLIGHT_CAP, SkipReason.IN_FLIGHT_CAP, SkipReason.QUEUE_FULL,
                        SkipReason.NO_PENDING_SOURCES, SkipReason.THRESHOLD_NOT_MET, SkipReason.PROFILE_MISSING,
                        SkipReason.PROFILE_IN_FLIGHT_CAP));
        assertThat(SkipReason.SOURCES_SKIPPED_NOT_READY.label()).isEqualTo("sources_skipped_not_ready");
    }

    @Test
    void limitsComeFromTheConfigWithDefaultsForNonPositiveValues() {
        ExecutionAutomation a = new ExecutionAutomation(true, "casda", 0, -1, 0, 2, 30, 0, 4L, "p", null, null, null, null);
        assertThat(ExecutionLimits.of(a, new ExecutionLimits.ProcessCaps(7, 9)))
                .isEqualTo(new ExecutionLimits(20, 500, 20, 2, 30, 180, 4L, 7, 9));
    }

    @Test
    void processCapsComeFromTheEnvironment() {
        assertThat(ExecutionLimits.ProcessCaps.fromEnv(Map.of())).isEqualTo(new ExecutionLimits.ProcessCaps(2, 200));
        assertThat(ExecutionLimits.ProcessCaps.fromEnv(Map.of("BEAMPIPE_SHAPING_EXECUTION_MAX_IN_FLIGHT_RUNS", "12",
                "BEAMPIPE_SHAPING_QUEUE_MAX_DEPTH", " 50 "))).isEqualTo(new ExecutionLimits.ProcessCaps(12, 50));
        assertThatThrownBy(() -> ExecutionLimits.ProcessCaps.fromEnv(Map.of("BEAMPIPE_SHAPING_QUEUE_MAX_DEPTH", "0")))
                .hasMessage("BEAMPIPE_SHAPING_QUEUE_MAX_DEPTH must be a positive integer, got '0'");
    }

    @Test
    void chunksKeepOrderAndCutTheLastShort() {
        assertThat(ExecutionAdmissionPlan.chunks(List.of("a", "b", "c", "d", "e"), 2))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(ExecutionAdmissionPlan.chunks(List.of("a"), 1)).containsExactly(List.of("a"));
        assertThatThrownBy(() -> ExecutionAdmissionPlan.chunks(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
