package dev.beampipe.worker.discovery.tap;

import dev.beampipe.model.config.model.Tap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TapSettingsTest {

    @ParameterizedTest
    @CsvSource({"0,500", "1,1000", "2,2000", "3,4000", "4,4000", "30,4000"})
    void backoffDoublesAndCapsAtFourSeconds(int attempt, long millis) {
        assertThat(TapSettings.backoff(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void projectSettingsMapToTimeoutAndRetries() {
        assertThat(TapSettings.of(Tap.DEFAULT)).isEqualTo(new TapSettings(Duration.ofSeconds(30), 1));
        assertThat(TapSettings.of(new Tap(90, 2, false))).isEqualTo(new TapSettings(Duration.ofSeconds(90), 2));
        assertThat(TapSettings.of(new Tap(5, 4_000_000_000L, false)).retries()).isEqualTo(100);
        assertThatThrownBy(() -> TapSettings.of(new Tap(0, 1, false)))
                .hasMessage("adapters.tap.timeout_seconds must be > 0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | NULL   | pw     | NULL",
            "'  ' | NULL   | pw     | NULL",
            "opal | NULL   | NULL   | NULL",
            "opal | NULL   | '  '   | NULL",
            "opal | NULL   | pw     | pw",
            "opal | 'pw\r\n' | other | pw",
            "opal | ''     | other  | NULL",
    })
    void credentialsFromEnvironment(String user, String fileContent, String password, String expected,
                                    @TempDir Path dir) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        if (user != null) {
            env.put("CASDA_USERNAME", user);
        }
        if (password != null) {
            env.put("CASDA_PASSWORD", password);
        }
        if (fileContent != null) {
            Path file = dir.resolve("casda-password");
            Files.writeString(file, fileContent);
            env.put("CASDA_PASSWORD_FILE", file.toString());
        }
        Optional<CasdaCredentials> creds = CasdaCredentials.fromEnv(env);
        assertThat(creds.map(CasdaCredentials::password).orElse(null)).isEqualTo(expected);
        creds.ifPresent(c -> assertThat(c.toString()).doesNotContain(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "java.lang.Double  | 2505.3     | 2505.3",
            "java.lang.Double  | 60         | 60.0",
            "java.lang.Double  | 1e20       | 1e+20",
            "java.lang.Double  | -0.000012  | -0.000012",
            "java.lang.Double  | NaN        | ''",
            "java.lang.Float   | 0.1        | 0.1",
            "java.lang.Float   | 3          | 3.0",
            "java.lang.Long    | 9007199254740993 | 9007199254740993",
            "java.lang.Integer | -7         | -7",
            "java.lang.Short   | 12         | 12",
            "java.lang.Boolean | true       | true",
            "java.lang.String  | ' a b '    | ' a b '",
    })
    void cellText(String type, String input, String expected) {
        Object value = switch (type) {
            case "java.lang.Double" -> Double.valueOf(input);
            case "java.lang.Float" -> Float.valueOf(input);
            case "java.lang.Long" -> Long.valueOf(input);
            case "java.lang.Integer" -> Integer.valueOf(input);
            case "java.lang.Short" -> Short.valueOf(input);
            case "java.lang.Boolean" -> Boolean.valueOf(input);
            default -> input;
        };
        assertThat(CellText.of(value)).isEqualTo(expected);
    }

    @Test
    void cellTextOfNullsAndArrays() {
        assertThat(CellText.of(null)).isEmpty();
        assertThat(CellText.of(new int[] {1, 2, 3})).isEqualTo("1 2 3");
        assertThat(CellText.of(new double[] {1.5, Double.NaN})).isEqualTo("1.5 NaN");
    }
}
