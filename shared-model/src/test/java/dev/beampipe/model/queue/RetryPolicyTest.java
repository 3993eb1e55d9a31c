package dev.beampipe.model.queue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @ParameterizedTest(name = "attempts={0} uuid={1} -> {2}s")
    @CsvSource({
            // uuid 0 -> jitter 0
            "1, 00000000-0000-0000-0000-000000000000, 15",
            "2, 00000000-0000-0000-0000-000000000000, 30",
            "3, 00000000-0000-0000-0000-000000000000, 60",
            "0, 00000000-0000-0000-0000-000000000000, 15",
            "9, 00000000-0000-0000-0000-000000000000, 3600",
            "8, 00000000-0000-0000-0000-000000000000, 1920",
            "50, 00000000-0000-0000-0000-000000000000, 3600",
            // 10 mod 11 = 10
            "1, 00000000-0000-0000-0000-00000000000a, 25",
            // 11 mod 11 = 0
            "1, 00000000-0000-0000-0000-00000000000b, 15",
            // 2^64 mod 11 = 5 (high half = 1): checks the big-endian unsigned 128-bit reading
            "1, 00000000-0000-0001-0000-000000000000, 20",
            // 2^128-1 mod 11 = 2 (all ones): the value is unsigned, not negative
            "1, ffffffff-ffff-ffff-ffff-ffffffffffff, 17",
            "8, ffffffff-ffff-ffff-ffff-ffffffffffff, 1922",
    })
    void backoffIsFifteenTimesTwoToTheAttemptPlusUuidJitterCapped(int attempts, UUID id, long expected) {
        assertThat(RetryPolicy.backoffSeconds(attempts, id)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> non-retryable={2}")
    @CsvSource(delimiter = '|', value = {
            "execute|DALiuGE Translation Manager at http://tm:8084 is unreachable|true",
            "execute|CASDA authentication failed: HTTP 401|true",
            "execute|database timeout|false",
            "execute|credentials required for casda|true",
            "execute|preflight probe failed|true",
            "discover_batch|HTTP 401 from TAP|true",
            "discover_batch|authentication failed|true",
            "discover_batch|connection reset|false",
            "slurm_poll_tick|ssh connection failed|true",
            "dim_poll|DIM unreachable|true",
            "dim_poll_tick|Authentication Failed|true",
            "scheduler_tick|authentication failed|false",
            "noop|unreachable|false",
    })
    void nonRetryableErrorsPerKind(String kind, String error, boolean expected) {
        assertThat(RetryPolicy.isNonRetryable(kind, error)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "execute|request Timed Out|timeout",
            "noop|statement timeout|timeout",
            "noop|Unauthorized|authentication",
            "noop|bad credential file|authentication",
            "execute|TM is unreachable|configuration",
            "noop|unreachable|dependency_unavailable",
            "noop|row already exists|conflict",
            "noop|write conflict|conflict",
            "noop|connection refused|dependency_unavailable",
            "execute|authentication failed|authentication",
    })
    void failureClassesInTheReferenceOrder(String kind, String error, String expected) {
        assertThat(RetryPolicy.classify(kind, error)).isEqualTo(expected);
    }
}
