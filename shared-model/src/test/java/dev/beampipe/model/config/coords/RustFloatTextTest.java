package dev.beampipe.model.config.coords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RustFloatTextTest {

    @ParameterizedTest
    @CsvSource({
        "28.7, 28.7", "27.12, 27.12", "60, 60", "0.1, 0.1", "1e16, 10000000000000000", "1e-7, 0.0000001",
        "0.30000000000000004, 0.30000000000000004", "123456.789, 123456.789", "-2.5, -2.5", "59.96, 59.96"})
    void shortestPlainDigits(double value, String expected) {
        assertThat(RustFloatText.display(value)).isEqualTo(expected);
    }

    @Test
    void specials() {
        assertThat(RustFloatText.display(0.0)).isEqualTo("0");
        assertThat(RustFloatText.display(-0.0)).isEqualTo("-0");
        assertThat(RustFloatText.display(Double.NaN)).isEqualTo("NaN");
        assertThat(RustFloatText.display(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(RustFloatText.display(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
    }

    @Test
    void roundTripsOverManyValues() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            double value = Math.round(random.nextDouble() * 600000) / 100.0;
            assertThat(Double.parseDouble(RustFloatText.display(value))).isEqualTo(value);
            assertThat(RustFloatText.display(value).length())
                    .isLessThanOrEqualTo(new java.math.BigDecimal(Double.toString(value)).toPlainString().length());
        }
    }
}
