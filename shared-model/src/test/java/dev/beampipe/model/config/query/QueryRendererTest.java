package dev.beampipe.model.config.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryRendererTest {

    private static Map<String, String> ctx(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("single placeholder", "WHERE HIPASS = '{source_name}'",
                        ctx("source_name", "J1317-16"), "WHERE HIPASS = 'J1317-16'"),
                Arguments.of("every occurrence replaced", "a={x} b={x} c={x}", ctx("x", "1"), "a=1 b=1 c=1"),
                Arguments.of("quote doubled", "name = '{source_name}'", ctx("source_name", "O'Brien"),
                        "name = 'O''Brien'"),
                Arguments.of("two quotes doubled", "'{v}'", ctx("v", "''"), "''''''"),
                Arguments.of("unknown placeholder left verbatim", "x = '{unknown}' AND y = '{sbid}'",
                        ctx("sbid", "72962"), "x = '{unknown}' AND y = '72962'"),
                Arguments.of("spaced placeholder is not a placeholder", "{ sbid } {sbid}", ctx("sbid", "1"),
                        "{ sbid } 1"),
                Arguments.of("case matters", "{SBID} {sbid}", ctx("sbid", "1"), "{SBID} 1"),
                Arguments.of("empty context leaves template", "SELECT '{a}'", ctx(), "SELECT '{a}'"),
                Arguments.of("null value renders empty", "x='{a}'", ctx("a", null), "x=''"),
                Arguments.of("blank value renders empty", "x='{a}'", ctx("a", " \t\u00A0"), "x=''"),
                Arguments.of("value trimmed with Unicode White_Space", "x='{a}'",
                        ctx("a", "\u2007\u202F J1317-16 \u3000"), "x='J1317-16'"),
                Arguments.of("inner whitespace kept", "x='{a}'", ctx("a", " a b "), "x='a b'"),
                Arguments.of("LIKE wildcards not escaped", "LIKE '{a}%'", ctx("a", "50%_x"), "LIKE '50%_x%'"),
                Arguments.of("double quotes and backslashes not escaped", "'{a}'", ctx("a", "\"x\\y\""),
                        "'\"x\\y\"'"),
                Arguments.of("Unicode value kept raw", "'{a}'", ctx("a", "Ωmega \uD83D\uDE80 é"),
                        "'Ωmega \uD83D\uDE80 é'"),
                Arguments.of("Unicode key", "'{ключ}'", ctx("ключ", "v"), "'v'"),
                Arguments.of("earlier value containing a later placeholder is substituted (sbid < source_name)",
                        "q='{sbid}'", ctx("sbid", "{source_name}", "source_name", "J1"), "q='J1'"),
                Arguments.of("later value containing an earlier placeholder stays literal",
                        "q='{source_name}'", ctx("sbid", "7", "source_name", "{sbid}"), "q='{sbid}'"),
                Arguments.of("each substituted value has its own quotes doubled once",
                        "q='{a}'", ctx("a", "'{b}", "b", "'"), "q=''''''"),
                Arguments.of("value equal to own placeholder is not re-expanded", "{a}", ctx("a", "{a}"), "{a}"),
                Arguments.of("template with line breaks (YAML block scalar)",
                        "SELECT *\nFROM t\nWHERE sbid = '{sbid}'\n", ctx("sbid", "72962"),
                        "SELECT *\nFROM t\nWHERE sbid = '72962'\n"),
                Arguments.of("WALLABY visibility query substitutes source_identifier twice",
                        "filename LIKE '{source_identifier}%' AND x IN (SELECT 1 WHERE f LIKE '{source_identifier}%')",
                        ctx("source_identifier", "HIPASSJ1317-16", "source_name", "J1317-16"),
                        "filename LIKE 'HIPASSJ1317-16%' AND x IN (SELECT 1 WHERE f LIKE 'HIPASSJ1317-16%')"),
                Arguments.of("WALLABY eval-file query", 
                        "WHERE sbid = '{sbid}' AND filename LIKE 'calibration-metadata-processing-logs-SB{sbid}_%.tar'",
                        ctx("sbid", "72962", "source_identifier", "HIPASSJ1317-16"),
                        "WHERE sbid = '72962' AND filename LIKE 'calibration-metadata-processing-logs-SB72962_%.tar'"),
                Arguments.of("nested braces: only the exact inner text matches", "{{a}}", ctx("a", "x"), "{x}"),
                Arguments.of("empty key placeholder", "x{}y", ctx("", "Z"), "xZy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renders(String name, String template, Map<String, String> context, String expected) {
        assertThat(QueryRenderer.render(template, context)).isEqualTo(expected);
    }

    @Test
    void keysAreSortedByUtf8BytesNotUtf16Units() {
        // U+FF21 (fullwidth A) sorts before U+1F600 in UTF-8/code point order but after it in UTF-16 order.
        String emojiKey = "\uD83D\uDE00";
        String fullwidthKey = "\uFF21";
        Map<String, String> context = new HashMap<>();
        context.put(fullwidthKey, "{" + emojiKey + "}");
        context.put(emojiKey, "done");
        assertThat(QueryRenderer.render("{" + fullwidthKey + "}", context)).isEqualTo("done");
    }

    @Test
    void insertionOrderOfTheContextDoesNotMatter() {
        Map<String, String> forward = ctx("a", "{b}", "b", "x");
        Map<String, String> backward = ctx("b", "x", "a", "{b}");
        assertThat(QueryRenderer.render("{a}", forward)).isEqualTo("x");
        assertThat(QueryRenderer.render("{a}", backward)).isEqualTo("x");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("NUL", "J1\u0000x", "contains a NUL character"),
                Arguments.of("LF", "J1\nOR 1=1", "contains a line break"),
                Arguments.of("CR", "J1\rOR 1=1", "contains a line break"),
                Arguments.of("trailing LF", "J1\n", "contains a line break"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNulAndLineBreaks(String name, String value, String reason) {
        assertThatThrownBy(() -> QueryRenderer.render("x = '{source_name}'", ctx("source_name", value)))
                .isInstanceOf(QueryRenderException.class)
                .hasMessage("query template value for {source_name} " + reason)
                .satisfies(e -> assertThat(((QueryRenderException) e).key()).isEqualTo("source_name"));
    }

    @Test
    void unsafeValueWhosePlaceholderIsAbsentIsNotRefused() {
        assertThat(QueryRenderer.render("x = '{sbid}'", ctx("sbid", "1", "notes", "a\nb"))).isEqualTo("x = '1'");
    }

    @Test
    void unsafeValueReachedThroughChainingIsRefused() {
        assertThatThrownBy(() -> QueryRenderer.render("{a}", ctx("a", "{b}", "b", "x\ny")))
                .isInstanceOf(QueryRenderException.class);
    }
}
