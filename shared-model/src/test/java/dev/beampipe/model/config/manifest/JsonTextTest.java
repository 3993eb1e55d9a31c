package dev.beampipe.model.config.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "60|60.0", "0.5|0.5", "0.00001|0.00001", "1234567890123456|1234567890123456.0", "1e16|1e+16",
        "1.5e20|1.5e+20", "1e-6|1e-6", "5e-324|5e-324", "-2.25|-2.25", "-1e16|-1e+16", "123.456|123.456"})
    void floats(double value, String expected) {
        assertThat(JsonText.SERDE.write(DoubleNode.valueOf(value))).isEqualTo(expected);
    }

    @Test
    void negativeZero() {
        assertThat(JsonText.SERDE.write(DoubleNode.valueOf(-0.0))).isEqualTo("-0.0");
    }

    @Test
    void structuresAreCompactWithByteSortedKeys() {
        assertThat(JsonText.SERDE.write(Json.of("{`b`:[1,true,null],`a`:{`\uFF21`:1,`\uD83D\uDE00`:2},`c`:`x`}")))
                .isEqualTo("{\"a\":{\"\uFF21\":1,\"\uD83D\uDE00\":2},\"b\":[1,true,null],\"c\":\"x\"}");
    }

    @Test
    void stringsKeepNonAsciiAndEscapeControlsInLowerCaseHex() {
        assertThat(JsonText.SERDE.write(TextNode.valueOf("é\"\\\n\u001f\u007f")))
                .isEqualTo("\"é\\\"\\\\\\n\\u001f\u007f\"");
    }
}
