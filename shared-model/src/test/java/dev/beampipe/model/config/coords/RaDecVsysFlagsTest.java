package dev.beampipe.model.config.coords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RaDecVsysFlagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("VizieR VOTable row (strings), WALLABY walk-through",
                        "{}", "[{`HIPASS`:`J1317-16`,`RAJ2000`:`199.3696`,`DEJ2000`:`-16.6242`,`RV50max`:`2600`,`RV50min`:`2400`,`RVmom`:`2505.3`}]",
                        "{`dec_string`:`-16.37.27.12`,`ra_string`:`13h17m28.7s`,`vsys`:`2505.3`}"),
                Arguments.of("JSON numbers", "{}", "[{`RAJ2000`:199.3696,`DEJ2000`:-0.5,`RVmom`:2505.3}]",
                        "{`dec_string`:`-0.30.0`,`ra_string`:`13h17m28.7s`,`vsys`:2505.3}"),
                Arguments.of("lower-case column fallback", "{}", "[{`raj2000`:`15`,`dej2000`:`1`}]",
                        "{`dec_string`:`1.0.0`,`ra_string`:`1h0m0s`}"),
                Arguments.of("ra_j2000 / dec_j2000 alternatives", "{}", "[{`ra_j2000`:`15`,`DEC_J2000`:`1`}]",
                        "{`dec_string`:`1.0.0`,`ra_string`:`1h0m0s`}"),
                Arguments.of("numeric result overwrites a configured flag", "{`ra_string`:`x`,`dec_string`:`y`}",
                        "[{`RAJ2000`:`15`,`DEJ2000`:`1`}]", "{`dec_string`:`1.0.0`,`ra_string`:`1h0m0s`}"),
                Arguments.of("non-numeric copied raw when unset", "{}", "[{`RAJ2000`:`13 17 28.7`,`DEJ2000`:``}]",
                        "{`dec_string`:``,`ra_string`:`13 17 28.7`}"),
                Arguments.of("non-numeric does not overwrite", "{`ra_string`:`keep`}", "[{`RAJ2000`:`n/a`}]",
                        "{`ra_string`:`keep`}"),
                Arguments.of("non-finite treated as not numeric", "{}", "[{`RAJ2000`:`inf`,`DEJ2000`:`NaN`}]",
                        "{`dec_string`:`NaN`,`ra_string`:`inf`}"),
                Arguments.of("Rust f64 grammar: no whitespace", "{}", "[{`RAJ2000`:` 15`,`DEJ2000`:`1.`}]",
                        "{`dec_string`:`1.0.0`,`ra_string`:` 15`}"),
                Arguments.of("vsys: present empty RVmom wins", "{}", "[{`RVmom`:``,`RV50max`:`2600`}]",
                        "{`vsys`:``}"),
                Arguments.of("vsys: falls back to RV50max then RV50min", "{}", "[{`RV50min`:`1`,`RV50max`:`2`}]",
                        "{`vsys`:`2`}"),
                Arguments.of("vsys never overwrites", "{`vsys`:`cfg`}", "[{`RVmom`:`1`}]", "{`vsys`:`cfg`}"),
                Arguments.of("only the first row is used", "{}", "[{`RVmom`:`1`},{`RVmom`:`2`,`RAJ2000`:`15`}]",
                        "{`vsys`:`1`}"),
                Arguments.of("empty list: unchanged", "{`a`:true}", "[]", "{`a`:true}"),
                Arguments.of("not a list: unchanged", "{`a`:true}", "{`RAJ2000`:`15`}", "{`a`:true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derives(String name, String flags, String rows, String expected) {
        ObjectNode input = (ObjectNode) json(flags);
        ObjectNode before = input.deepCopy();
        assertThat(RaDecVsysFlags.apply(input, json(rows))).isEqualTo(json(expected));
        assertThat(input).isEqualTo(before);
    }

    @Test
    void nullRowsLeaveFlagsUnchanged() {
        assertThat(RaDecVsysFlags.apply((ObjectNode) json("{}"), null)).isEqualTo(json("{}"));
    }
}
