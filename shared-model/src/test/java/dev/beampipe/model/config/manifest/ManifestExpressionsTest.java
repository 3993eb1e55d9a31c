package dev.beampipe.model.config.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestExpressionsTest {

    private static final String SOURCE = "{`source_identifier`:`s`,`sbids`:["
            + "{`sbid`:`1`,`beam_count`:2,`datasets`:[{`id`:1,`size`:10},{`id`:2,`size`:5.9}]},"
            + "{`sbid`:`2`,`beam_count`:3,`datasets`:[{`id`:3,`size`:-4},{`id`:4,`size`:`7`},{`id`:5}]},"
            + "{`sbid`:`3`,`datasets`:{`not`:`an array`}}],"
            + "`matrix`:[[1,2],[3]],`n`:null,`big`:[18446744073709551615,1],`floats`:[1e30,-2.5,0.99]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("$count(sbids[].datasets[])", 5L),
                Arguments.of("$count(sbids[])", 3L),
                Arguments.of("$count(sbids[].sbid)", 3L),
                Arguments.of("$count(sbids[].beam_count)", 2L),
                Arguments.of("$count(sbids)", 1L),
                Arguments.of("$count(missing[])", 0L),
                Arguments.of("$count(missing)", 0L),
                Arguments.of("$count(source_identifier[])", 0L),
                Arguments.of("$count(matrix[].[])", 3L),
                Arguments.of("$count(n)", 1L),
                Arguments.of("$count(sbids.0)", 0L),
                Arguments.of("$count()", 0L),
                Arguments.of("$sum(sbids[].beam_count)", 5L),
                Arguments.of("$sum(sbids[].datasets[].size)", 15L),
                Arguments.of("$sum(sbids[].datasets[].id)", 15L),
                Arguments.of("$sum(matrix[].[])", 6L),
                Arguments.of("$sum(source_identifier)", 0L),
                Arguments.of("$sum(sbids[].sbid)", 0L),
                Arguments.of("$sum(missing[])", 0L),
                Arguments.of("  $count(sbids[].datasets[])\u00A0", 5L),
                Arguments.of("$count( sbids[].datasets[] )", 5L));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("cases")
    void evaluates(String expression, long expected) {
        JsonNode result = ManifestExpressions.evaluate(expression, Json.of(SOURCE)).orElseThrow();
        assertThat(result.isIntegralNumber()).isTrue();
        assertThat(result.longValue()).isEqualTo(expected);
    }

    @Test
    void sumSaturatesAtTheUnsigned64BitMaximum() {
        JsonNode result = ManifestExpressions.evaluate("$sum(big[])", Json.of(SOURCE)).orElseThrow();
        assertThat(result.bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        JsonNode floats = ManifestExpressions.evaluate("$sum(floats[])", Json.of(SOURCE)).orElseThrow();
        assertThat(floats.bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void floatsTruncateAndNegativesCountZero() {
        JsonNode result = ManifestExpressions.evaluate("$sum([])", Json.of("[2.9,-2.9,0.5,-1,3]")).orElseThrow();
        assertThat(result.longValue()).isEqualTo(5L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"literal", "$unknown(x)", "$count(x", "count(x)", "$COUNT(x)", "$sum x)", "''"})
    void nonExpressionsStayLiteral(String text) {
        assertThat(ManifestExpressions.evaluate(text, Json.of(SOURCE))).isEmpty();
    }

    @ParameterizedTest(name = "validation of [{0}] → {1}")
    @CsvSource(delimiter = '|', value = {
        "$count(sbids[].datasets[])|true",
        "$sum(sbids[].beam_count)|true",
        "$count()|true",
        "$count(anything goes inside)|true",
        "$count(x|false",
        "$counts(x)|false",
        "$avg(x)|false",
        "$|false",
        "'$count(x) '|false",
        "' $count(x)'|true",
        "literal|true",
        "''|true",
        "6|true"})
    void validationShape(String text, boolean passes) {
        assertThat(ManifestExpressions.passesValidation(text)).isEqualTo(passes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$count(a)|true", "$sum(a)|true", "$count(a|false", "literal|false", "' $count(a)'|false"})
    void wellFormed(String text, boolean wellFormed) {
        assertThat(ManifestExpressions.isWellFormedExpression(text)).isEqualTo(wellFormed);
    }
}
