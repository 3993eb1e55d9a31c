package dev.beampipe.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnicodeTextTest {

    @ParameterizedTest
    @CsvSource({
        "0009, true", "000A, true", "000D, true", "0020, true", "0085, true", "00A0, true", "1680, true",
        "2000, true", "2007, true", "200A, true", "2028, true", "2029, true", "202F, true", "205F, true",
        "3000, true", "200B, false", "FEFF, false", "180E, false", "0041, false", "001F, false"})
    void whiteSpaceProperty(String hex, boolean expected) {
        assertThat(UnicodeText.isWhiteSpace(Integer.parseInt(hex, 16))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a|b|-1", "b|a|1", "a|a|0", "a|ab|-1", "\uFF21|\uD83D\uDE00|-1", "\uD83D\uDE00|\uFF21|1"})
    void utf8Order(String a, String b, int sign) {
        assertThat(Integer.signum(UnicodeText.compareUtf8(a, b))).isEqualTo(sign);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u00A0x\u2007|x", "\u202Fx y\u3000|x y", "\u200Bx|\u200Bx"})
    void trim(String in, String out) {
        assertThat(UnicodeText.trim(in)).isEqualTo(out);
    }
}
