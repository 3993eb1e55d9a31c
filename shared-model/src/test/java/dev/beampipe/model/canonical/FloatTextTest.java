package dev.beampipe.model.canonical;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloatTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // 30-project-config §5.6.3
            "60, 60.0",
            "0.5, 0.5",
            "0.00001, 0.00001",
            "1234567890123456, 1234567890123456.0",
            "1e16, 1e+16",
            "1.5e20, 1.5e+20",
            "1e-6, 1e-6",
            "4.9e-324, 5e-324",
            "-0.0, -0.0",
            "0.0, 0.0",
            // fixed-notation bounds
            "1.0, 1.0",
            "0.1, 0.1",
            "-1.0, -1.0",
            "2505.3, 2505.3",
            "123.456, 123.456",
            "0.000012345, 0.000012345",
            "0.0000012345, 1.2345e-6",
            "999999999999999.9, 999999999999999.9",
            "9999999999999998, 9999999999999998.0",
            "12345678901234567, 1.2345678901234568e+16",
            "123456789012345678, 1.2345678901234568e+17",
            "1e15, 1000000000000000.0",
            "1e-5, 0.00001",
            "1e20, 1e+20",
            "1e100, 1e+100",
            "-1e-100, -1e-100",
            "0.3, 0.3",
            "0.30000000000000004, 0.30000000000000004",
            "2e23, 2e+23",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "2.2250738585072014e-308, 2.2250738585072014e-308",
            // zmij's own tests
            "6.62607015e-34, 6.62607015e-34",
            "1e-323, 1e-323",
            "1.2e-322, 1.2e-322",
            "1.24e-322, 1.24e-322",
            "1.234e-320, 1.234e-320",
            "-4.932096661796888e-226, -4.932096661796888e-226",
            "3.439070283483335e+35, 3.439070283483335e+35",
            "6.606854224493745e-17, 6.606854224493745e-17",
            "6.079537928711555e+61, 6.079537928711555e+61",
    })
    void formatsLikeSerdeJson(double value, String expected) {
        assertThat(FloatText.format(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(expected)).isEqualTo(value);
    }

    @Test
    void matchesAnIndependentShortestRoundTripTableOfThousandsOfValues() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("float-text.csv")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",", 2);
                double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                String actual = FloatText.format(value);
                rows++;
                if (!actual.equals(parts[1])) {
                    mismatches.add(parts[0] + ": expected " + parts[1] + " got " + actual);
                }
            }
        }
        assertThat(rows).isGreaterThan(5000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void refusesNonFiniteValues() {
        assertThatThrownBy(() -> FloatText.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FloatText.format(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
