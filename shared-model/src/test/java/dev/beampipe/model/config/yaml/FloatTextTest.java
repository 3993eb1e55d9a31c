package dev.beampipe.model.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatTextTest {

    @ParameterizedTest
    @CsvSource({
            "60, 60.0",
            "0.5, 0.5",
            "0.00001, 0.00001",
            "1234567890123456, 1234567890123456.0",
            "1e16, 1e+16",
            "1.5e20, 1.5e+20",
            "1e-6, 1e-6",
            "4.9e-324, 5e-324",
            "-0.0, -0.0",
            "-2.5, -2.5",
            "123.456, 123.456"})
    void matchesSerdeJsonText(double value, String text) {
        assertThat(FloatText.of(value)).isEqualTo(text);
    }
}
