package dev.beampipe.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"b\":1,\"a\":[true,false,null,\"x\"]}|{\"b\":1,\"a\":[true,false,null,\"x\"]}",
            "  [ 1 , -2.5e3 , 0.1 ]  |[1,-2.5E+3,0.1]",
            "\"\\u00e9\\n\\\"/\\\\\"|\"é\\n\\\"/\\\\\"",
            "{}|{}",
            "[]|[]"})
    void compactRoundTrip(String in, String out) {
        assertThat(Json.write(Json.parse(in))).isEqualTo(out);
    }

    @Test
    void pythonDefaultStyleUsesSpacedSeparatorsAndAsciiEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "X");
        m.put("args", List.of("é", 3L));
        assertThat(Json.write(m, Json.Style.PYTHON_DEFAULT)).isEqualTo("{\"type\": \"X\", \"args\": [\"\\u00e9\", 3]}");
    }

    @Test
    void numberTypes() {
        assertThat(Json.parse("12")).isEqualTo(12L);
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(Json.parse("1.50")).isEqualTo(new BigDecimal("1.50"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "[1] x", "{1:2}", "-", "\"\\x\"", "\"a\u0001\""})
    void malformedTextIsRejected(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.JsonException.class);
    }
}
