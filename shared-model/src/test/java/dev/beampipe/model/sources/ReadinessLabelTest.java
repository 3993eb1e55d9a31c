package dev.beampipe.model.sources;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessLabelTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // label,             enabled, claim, pending, complete, matches, ready
            "disabled,            false,   true,  true,    true,     true,    true",
            "discovering,         true,    true,  true,    true,     false,   false",
            "pending admission,   true,    false, true,    true,     false,   false",
            "discovering,         true,    true,  false,   false,    false,   false",
            "not discovered,      true,    false, false,   false,    false,   false",
            "executed,            true,    false, false,   true,     true,    false",
            "ready (changed),     true,    false, false,   true,     false,   true",
            "blocked,             true,    false, false,   true,     false,   false",
    })
    // claim = a discovery claim token with no expiry; the row's signature is "a1b2" when discovery is complete
    void firstMatchingStateWins(String label, boolean enabled, boolean claim, boolean pending, boolean complete,
                                boolean matches, boolean ready) {
        SourceRow row = new SourceRow(UUID.randomUUID(), "m", "s", enabled, Instant.EPOCH, null, null, null,
                complete ? "a1b2" : null, null, claim ? "token" : null, null, pending, null, null, null, null, 0, null);
        SourceStatus status = new SourceStatus(ready, complete, pending, null, null, matches, List.of(), null);
        assertThat(ReadinessLabel.of(ReadinessLabel.Facts.of(row, status, Instant.now())).label()).isEqualTo(label);
    }
}
