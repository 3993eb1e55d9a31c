package dev.beampipe.scheduler.polls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.settings.SettingsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DimPollIntervalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode spec(String interval) {
        try {
            return JSON.readTree(interval == null ? "{\"automation\":{\"execution\":{}}}"
                    : "{\"automation\":{\"execution\":{\"execution_rest_remote_poll_interval_seconds\":" + interval + "}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("no env, no configs", null, new String[]{}, 3L),
                arguments("no env, configs without the key", null, new String[]{null, null}, 3L),
                arguments("env wins over configs", "7", new String[]{"1"}, 7L),
                arguments("env below 1 is 1", "0", new String[]{}, 1L),
                arguments("env negative is 1", "-5", new String[]{"9"}, 1L),
                arguments("empty env is unset", "", new String[]{"9"}, 9L),
                arguments("minimum over configs", null, new String[]{"10", "4", null, "6"}, 4L),
                arguments("configs rounded", null, new String[]{"2.5", "4.4"}, 3L),
                arguments("a tiny config interval is at least 1", null, new String[]{"0.2", "5"}, 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void interval(String name, String env, String[] configs, long expected) {
        Map<String, String> e = env == null ? Map.of() : Map.of(DimPollInterval.ENV, env);
        List<JsonNode> specs = Arrays.stream(configs).map(DimPollIntervalTest::spec).toList();
        assertThat(DimPollInterval.seconds(new EnvValues(e), specs)).isEqualTo(expected);
    }

    @Test
    void aNonIntegerEnvValueIsASettingsError() {
        assertThatThrownBy(() -> DimPollInterval.seconds(new EnvValues(Map.of(DimPollInterval.ENV, "fast")), List.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining(DimPollInterval.ENV);
    }
}
