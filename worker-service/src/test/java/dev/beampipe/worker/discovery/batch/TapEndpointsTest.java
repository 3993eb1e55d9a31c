package dev.beampipe.worker.discovery.batch;

import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.config.model.Tap;
import dev.beampipe.model.settings.EnvValues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TapEndpointsTest {

    static Stream<Arguments> cases() {
        Map<String, String> env = Map.of("BEAMPIPE_CASDA_TAP_URL", "http://127.0.0.1:9/casda/tap",
                "BEAMPIPE_VIZIER_TAP_URL", " http://127.0.0.1:9/vizier/tap ");
        return Stream.of(
                Arguments.of(Adapters.DEFAULT, Map.of(), TapEndpoints.CASDA_DEFAULT, TapEndpoints.VIZIER_DEFAULT),
                Arguments.of(Adapters.DEFAULT, env, "http://127.0.0.1:9/casda/tap", "http://127.0.0.1:9/vizier/tap"),
                Arguments.of(new Adapters(List.of(), "https://c.example/tap", null, Tap.DEFAULT), env,
                        "https://c.example/tap", "http://127.0.0.1:9/vizier/tap"),
                Arguments.of(new Adapters(List.of(), " ", "https://v.example/tap/sync", Tap.DEFAULT), env,
                        "http://127.0.0.1:9/casda/tap", "https://v.example/tap/sync"),
                Arguments.of(Adapters.DEFAULT, Map.of("BEAMPIPE_CASDA_TAP_URL", ""), TapEndpoints.CASDA_DEFAULT,
                        TapEndpoints.VIZIER_DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theProjectConfigWinsThenTheSettingThenThePublicArchive(Adapters adapters, Map<String, String> env,
                                                                 String casda, String vizier) {
        TapEndpoints endpoints = TapEndpoints.resolve(adapters, new EnvValues(env));
        assertThat(endpoints.forAdapter("casda")).contains(casda);
        assertThat(endpoints.forAdapter("VizieR")).contains(vizier);
        assertThat(endpoints.forAdapter("ned")).isEqualTo(Optional.empty());
        assertThat(endpoints.forAdapter(null)).isEmpty();
    }
}
