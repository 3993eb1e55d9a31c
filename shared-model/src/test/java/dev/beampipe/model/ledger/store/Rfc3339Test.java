package dev.beampipe.model.ledger.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Table-driven: seconds always, UTC with Z, 0/3/6/9 fractional digits. */
class Rfc3339Test {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-08-22T10:30Z, 2026-08-22T10:30:00Z",
            "2026-08-22T12:30+02:00, 2026-08-22T10:30:00Z",
            "2026-08-22T10:30:00.5Z, 2026-08-22T10:30:00.500Z",
            "2026-08-22T10:30:00.123Z, 2026-08-22T10:30:00.123Z",
            "2026-08-22T10:30:00.12345Z, 2026-08-22T10:30:00.123450Z",
            "2026-08-22T10:30:00.123456Z, 2026-08-22T10:30:00.123456Z",
            "2026-08-22T00:00:00.000000001-01:00, 2026-08-22T01:00:00.000000001Z"})
    void utc(String in, String out) {
        assertThat(Rfc3339.utc(OffsetDateTime.parse(in))).isEqualTo(out);
    }
}
