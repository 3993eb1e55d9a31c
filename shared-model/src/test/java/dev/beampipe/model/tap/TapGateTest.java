package dev.beampipe.model.tap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TapGateTest {

    @ParameterizedTest(name = "enabled={0} required=[{1}] casda={2} vizier={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // enabled | required      | casda          | vizier         | skip
            "true      | casda,vizier  | OK             | OK             | -",
            "true      | casda,vizier  | ERROR          | OK             | tap_unreachable",
            "true      | casda,vizier  | OK             | ERROR          | tap_unreachable",
            "true      | casda         | OK             | ERROR          | -",
            "true      | vizier        | ERROR          | OK             | -",
            "true      | casda         | NOT_CONFIGURED | ERROR          | -",
            "true      | casda,vizier  | NOT_CONFIGURED | NOT_CONFIGURED | -",
            "true      | ''            | ERROR          | ERROR          | -",
            "true      | archive_x     | ERROR          | ERROR          | -",
            "false     | casda,vizier  | ERROR          | ERROR          | -",
            "false     | casda         | ERROR          | OK             | -",
    })
    void aRequiredAdapterProbingErrorSkipsOnlyWhenTheCheckIsEnabled(boolean enabled, String required, TapState casda,
                                                                    TapState vizier, String skip) {
        Map<TapAdapter, TapState> states = new EnumMap<>(TapAdapter.class);
        states.put(TapAdapter.CASDA, casda);
        states.put(TapAdapter.VIZIER, vizier);
        List<String> names = Arrays.stream(required.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        assertThat(TapGate.skipReason(enabled, names, states).orElse(null)).isEqualTo(skip);
    }

    @ParameterizedTest
    @CsvSource({"OK, 1", "NOT_CONFIGURED, 1", "ERROR, 0"})
    void dependencyUpIsOneWhenReachableOrUnconfigured(TapState state, int up) {
        assertThat(state.up()).isEqualTo(up);
    }
}
