package dev.beampipe.scheduler.polls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.settings.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SlurmPollIntervalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode spec(String interval) {
        try {
            return JSON.readTree(interval == null ? "{\"automation\":{\"execution\":{}}}"
                    : "{\"automation\":{\"execution\":{\"execution_slurm_remote_poll_interval_seconds\":" + interval + "}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("no env, no configs", null, new String[]{}, 30L),
                arguments("no env, configs without the key", null, new String[]{null, null}, 30L),
                arguments("env wins over configs", "7", new String[]{"60"}, 7L),
                arguments("env below 5 is 5", "1", new String[]{}, 5L),
                arguments("env negative is 5", "-5", new String[]{"9"}, 5L),
                arguments("empty env is unset", "", new String[]{"9"}, 9L),
                arguments("minimum over configs", null, new String[]{"60", "40", null, "45"}, 40L),
                arguments("configs rounded", null, new String[]{"12.5", "14.4"}, 13L),
                arguments("a small config interval is clamped to 5", null, new String[]{"0.2", "60"}, 5L),
                arguments("the WALLABY config", null, new String[]{"60.0"}, 60L),
                arguments("the REST key is not the Slurm one", null, new String[]{}, 30L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void interval(String name, String env, String[] configs, long expected) {
        Map<String, String> e = env == null ? Map.of() : Map.of(SlurmPollInterval.ENV, env);
        List<JsonNode> specs = Arrays.stream(configs).map(SlurmPollIntervalTest::spec).toList();
        assertThat(SlurmPollInterval.seconds(new EnvValues(e), specs)).isEqualTo(expected);
    }

    @Test
    void theRestIntervalDoesNotDriveTheSlurmTick() throws Exception {
        JsonNode rest = JSON.readTree("{\"automation\":{\"execution\":{\"execution_rest_remote_poll_interval_seconds\":7}}}");
        assertThat(SlurmPollInterval.seconds(new EnvValues(Map.of()), List.of(rest))).isEqualTo(30L);
    }

    @Test
    void aNonIntegerEnvValueIsASettingsError() {
        assertThatThrownBy(() -> SlurmPollInterval.seconds(new EnvValues(Map.of(SlurmPollInterval.ENV, "slow")), List.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining(SlurmPollInterval.ENV);
    }
}
