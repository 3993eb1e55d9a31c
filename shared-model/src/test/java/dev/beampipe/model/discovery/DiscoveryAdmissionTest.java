package dev.beampipe.model.discovery;

import dev.beampipe.model.discovery.DiscoveryAdmission.SourceFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Table-driven: the due rule, the skip gates and the claim sizing of the discovery tick. */
class DiscoveryAdmissionTest {
    static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    static Stream<Arguments> due() {
        return Stream.of(
                arguments("never checked", new SourceFacts(true, null, null, null), true),
                arguments("disabled", new SourceFacts(false, null, null, null), false),
                arguments("fresh under project default", new SourceFacts(true, hoursAgo(23), null, null), false),
                arguments("stale under project default", new SourceFacts(true, hoursAgo(24), null, null), true),
                arguments("per-source value overrides (shorter)", new SourceFacts(true, hoursAgo(3), null, 2), true),
                arguments("per-source value overrides (longer)", new SourceFacts(true, hoursAgo(30), null, 48), false),
                arguments("live claim", new SourceFacts(true, null, NOW.plusSeconds(60), null), false),
                arguments("expired claim", new SourceFacts(true, null, NOW.minusSeconds(1), null), true),
                arguments("claim expiring now", new SourceFacts(true, null, NOW, null), true),
                arguments("failed once, 59 s ago (backoff 60 s)",
                        new SourceFacts(true, null, null, null, 1, NOW.minusSeconds(59)), false),
                arguments("failed once, 60 s ago", new SourceFacts(true, null, null, null, 1, NOW.minusSeconds(60)), true),
                arguments("failed 3 times, 3 min ago (backoff 4 min)",
                        new SourceFacts(true, null, null, null, 3, NOW.minusSeconds(180)), false),
                arguments("failed 20 times, 1 h ago (capped)",
                        new SourceFacts(true, null, null, null, 20, NOW.minusSeconds(3600)), true),
                arguments("failures but never attempted", new SourceFacts(true, null, null, null, 5, null), true),
                arguments("backoff elapsed but still fresh", new SourceFacts(true, hoursAgo(1), null, null, 1, hoursAgo(2)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void due(String name, SourceFacts facts, boolean expected) {
        assertThat(DiscoveryAdmission.isDue(facts, 24, NOW)).isEqualTo(expected);
    }

    static final DiscoveryLimits LIMITS = DiscoveryLimits.resolve(10, 25, 2, 180, 24, 100, 3, 100, null);

    static Stream<Arguments> skip() {
        return Stream.of(
                arguments(0L, 0L, 0L, Optional.empty()),
                arguments(100L, 0L, 0L, Optional.of("queue_depth")),
                arguments(0L, 50L, 0L, Optional.of("global_in_flight")),
                arguments(0L, 0L, 3L, Optional.of("project_in_flight")),
                arguments(99L, 49L, 2L, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource
    void skip(long depth, long global, long project, Optional<String> expected) {
        assertThat(DiscoveryAdmission.skipReason(LIMITS, depth, global, 50, project)).isEqualTo(expected);
    }

    static Stream<Arguments> nextClaimSize() {
        return Stream.of(
                arguments(0, 0, 0L, 10),
                arguments(20, 1, 0L, 5),
                arguments(10, 2, 0L, 0),
                arguments(25, 1, 0L, 0),
                arguments(0, 1, 2L, 0),
                arguments(0, 0, 2L, 10));
    }

    @ParameterizedTest
    @MethodSource
    void nextClaimSize(int claimed, int batches, long inFlight, int expected) {
        assertThat(DiscoveryAdmission.nextClaimSize(LIMITS, claimed, batches, inFlight)).isEqualTo(expected);
    }

    static Stream<Arguments> fallbacks() {
        return Stream.of(
                arguments(DiscoveryLimits.resolve(null, null, null, null, null, null, null, 7, null),
                        new DiscoveryLimits(50, 50, 7, 180, 24, null, 24)),
                arguments(DiscoveryLimits.resolve(0, -1, 0, 0, 6, 0, 0, 7, 500),
                        new DiscoveryLimits(50, 50, 7, 180, 6, 500, 24)),
                arguments(DiscoveryLimits.resolve(5, null, 3, 30, 1, 9, 2, 7, 500),
                        new DiscoveryLimits(5, 5, 3, 30, 1, 9, 2)));
    }

    @ParameterizedTest
    @MethodSource
    void fallbacks(DiscoveryLimits resolved, DiscoveryLimits expected) {
        assertThat(resolved).isEqualTo(expected);
    }
}
