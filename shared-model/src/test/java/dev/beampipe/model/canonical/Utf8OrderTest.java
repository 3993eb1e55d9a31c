package dev.beampipe.model.canonical;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8OrderTest {

    @ParameterizedTest
    @CsvSource({
            "a, b, -1",
            "a, a, 0",
            "ab, a, 1",
            "'', a, -1",
            "B, a, -1",
            "\uFB01, \uD83D\uDE00, -1",
            "\uD83D\uDE00, \uFFFF, 1",
            "é, z, 1",
    })
    void comparesByCodePoints(String a, String b, int sign) {
        assertThat(Integer.signum(Utf8Order.compare(a, b))).isEqualTo(sign);
        assertThat(Integer.signum(Utf8Order.compare(b, a))).isEqualTo(-sign);
    }
}
