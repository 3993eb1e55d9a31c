package dev.beampipe.model.config.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CoercionTest {

    @ParameterizedTest
    @ValueSource(ints = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028,
            0x2029, 0x202F, 0x205F, 0x3000})
    void unicodeWhiteSpaceIsTrimmed(int cp) {
        assertThat(dev.beampipe.model.text.UnicodeText.isWhiteSpace(cp)).isTrue();
        assertThat(Coercion.trim((char) cp + "x" + (char) cp)).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x08, 0x1C, 0x1F, 0x200B, 0x180E, 0xFEFF, 0x2060, 'x'})
    void otherCharactersAreNot(int cp) {
        assertThat(dev.beampipe.model.text.UnicodeText.isWhiteSpace(cp)).isFalse();
    }

    @Test
    void caseMappingIsAsciiOnlyAndLocaleFree() {
        assertThat(Coercion.asciiLowercase("İIÀZ")).isEqualTo("İiÀz");
        assertThat(Coercion.asciiUppercase("ıiàzß")).isEqualTo("ıIàZß");
        assertThat(Coercion.asciiEqualsIgnoreCase("K", "\u212a")).isFalse();
    }

    @Test
    void rewritesRustShorthandClassesForRe2j() {
        assertThat(RustRegex.translate("\\d\\D")).isEqualTo("\\p{Nd}\\P{Nd}");
        assertThat(RustRegex.translate("\\\\d")).isEqualTo("\\\\d");
        assertThat(RustRegex.translate("[\\s-]")).startsWith("[\\x{9}-\\x{D}").endsWith("\\x{3000}-]");
        assertThat(RustRegex.translate("[]\\d]")).isEqualTo("[]\\p{Nd}]");
        assertThat(RustRegex.translate("[[:alpha:]\\w]x")).startsWith("[[:alpha:]\\p{L}").endsWith("]x");
        assertThat(RustRegex.translate("\\S")).startsWith("[^");
    }
}
