package dev.beampipe.model.discovery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Table-driven: when a failed discovery may be claimed again (the delay table is SourceBackoffTest). */
class DiscoveryBackoffTest {
    static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    @ParameterizedTest(name = "{0} failures, attempted {1} s ago -> elapsed {2}")
    @CsvSource({"0,0,true", "1,59,false", "1,60,true", "2,119,false", "2,120,true", "6,1919,false", "6,1920,true",
            "9,3599,false", "9,3600,true", "1,-30,false"})
    void elapsed(int failures, long secondsAgo, boolean expected) {
        assertThat(DiscoveryBackoff.isElapsed(failures, NOW.minusSeconds(secondsAgo), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "8"})
    void neverAttemptedIsAlwaysElapsed(int failures) {
        assertThat(DiscoveryBackoff.isElapsed(failures, null, NOW)).isTrue();
    }
}
