package dev.beampipe.model.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class YamlTreeLoaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode load(String yaml) throws YamlLoadException {
        return YamlTreeLoader.load(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of {@code v: <scalar>} as compact JSON. */
    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of("yes", "\"yes\""),
                Arguments.of("no", "\"no\""),
                Arguments.of("on", "\"on\""),
                Arguments.of("off", "\"off\""),
                Arguments.of("y", "\"y\""),
                Arguments.of("n", "\"n\""),
                Arguments.of("007", "\"007\""),
                Arguments.of("-01", "\"-01\""),
                Arguments.of("+007", "\"+007\""),
                Arguments.of("0", "0"),
                Arguments.of("-0", "0"),
                Arguments.of("+5", "5"),
                Arguments.of("0x1F", "31"),
                Arguments.of("0o17", "15"),
                Arguments.of("0b11", "3"),
                Arguments.of("-0x10", "-16"),
                Arguments.of("1_000", "\"1_000\""),
                Arguments.of("18446744073709551615", "18446744073709551615"),
                Arguments.of("-9223372036854775808", "-9223372036854775808"),
                Arguments.of("123456789012345678901234567890123456789012", "1.2345678901234568E41"),
                Arguments.of("1.5", "1.5"),
                Arguments.of("1e3", "1000.0"),
                Arguments.of(".5", "0.5"),
                Arguments.of("5.", "5.0"),
                Arguments.of("01.5", "1.5"),
                Arguments.of(".inf", "null"),
                Arguments.of("-.Inf", "null"),
                Arguments.of(".NaN", "null"),
                Arguments.of("inf", "\"inf\""),
                Arguments.of("nan", "\"nan\""),
                Arguments.of("infinity", "\"infinity\""),
                Arguments.of("1e400", "\"1e400\""),
                Arguments.of("true", "true"),
                Arguments.of("True", "true"),
                Arguments.of("FALSE", "false"),
                Arguments.of("tRUE", "\"tRUE\""),
                Arguments.of("~", "null"),
                Arguments.of("Null", "null"),
                Arguments.of("", "null"),
                Arguments.of("'true'", "\"true\""),
                Arguments.of("\"007\"", "\"007\""),
                Arguments.of("'12'", "\"12\""),
                Arguments.of("!!str 12", "\"12\""),
                Arguments.of("!!int '12'", "12"),
                Arguments.of("!!float 60", "60.0"),
                Arguments.of("!!bool 'true'", "true"),
                Arguments.of("!!null ''", "null"),
                Arguments.of("!local x", "{\"!local\":\"x\"}"),
                Arguments.of("|\n  a\n  b\n", "\"a\\nb\\n\""),
                Arguments.of(">-\n  a\n  b\n", "\"a b\""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("scalars")
    void resolvesScalarsAsTheReference(String scalar, String json) throws Exception {
        JsonNode tree = load("v: " + scalar + "\n");
        assertThat(MAPPER.writeValueAsString(tree.get("v"))).isEqualTo(json);
    }

    @Test
    void objectKeysAreInUtf8ByteOrder() throws Exception {
        JsonNode tree = load("b: 1\nB: 2\na: 3\n\"\\uFFFF\": 4\n\"\\U0001F600\": 5\n_: 6\n");
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        // String.compareTo would put U+1F600 (a surrogate pair) before U+FFFF
        assertThat(keys).containsExactly("B", "_", "a", "b", "\uFFFF", "\uD83D\uDE00");
    }

    @Test
    void nonStringScalarKeysBecomeText() throws Exception {
        JsonNode tree = load("true: a\n12: b\n1.5: c\n");
        assertThat(MAPPER.writeValueAsString(tree)).isEqualTo("{\"1.5\":\"c\",\"12\":\"b\",\"true\":\"a\"}");
    }

    @Test
    void duplicateKeysAreErrorsWithPosition() {
        assertThatThrownBy(() -> load("a: 1\nb:\n  c: 1\n  c: 2\n"))
                .isInstanceOfSatisfying(YamlLoadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(YamlLoadException.Kind.YAML);
                    assertThat(e.getMessage()).startsWith("duplicate entry with key \"c\"");
                    assertThat(e.position()).isEqualTo(new YamlLoadException.Position(4, 3));
                });
    }

    @Test
    void duplicatesAreJudgedOnYamlValues() throws Exception {
        assertThatThrownBy(() -> load("1: a\n0x1: b\n")).hasMessageStartingWith("duplicate entry with key \"1\"");
        assertThat(load("1: a\n'1': b\n").get("1").textValue()).isEqualTo("b");
    }

    @Test
    void nestingDeeperThanTheReferenceLimitIsAnError() {
        assertThatThrownBy(() -> load("v: " + "[".repeat(200) + "]".repeat(200) + "\n"))
                .isInstanceOf(YamlLoadException.class).hasMessageContaining("recursion limit exceeded");
    }

    @Test
    void mergeKeysAreOrdinaryKeys() throws Exception {
        JsonNode tree = load("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n");
        assertThat(MAPPER.writeValueAsString(tree.get("m"))).isEqualTo("{\"<<\":{\"x\":1},\"y\":2}");
    }

    @Test
    void aliasesAreExpanded() throws Exception {
        JsonNode tree = load("a: &x [1, 2]\nb: *x\n");
        assertThat(tree.get("b")).isEqualTo(tree.get("a"));
    }

    @Test
    void moreThanOneDocumentIsAnError() {
        assertThatThrownBy(() -> load("a: 1\n---\nb: 2\n"))
                .isInstanceOfSatisfying(YamlLoadException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("deserializing from YAML containing more than one document is not supported");
                    assertThat(e.position()).isNull();
                });
    }

    @Test
    void emptyOrCommentOnlyInputIsNull() throws Exception {
        assertThat(load("").isNull()).isTrue();
        assertThat(load("# only a comment\n").isNull()).isTrue();
        assertThat(load("---\n").isNull()).isTrue();
    }

    @Test
    void integersBeyond64BitsAreYamlErrors() {
        assertThatThrownBy(() -> load("v: 18446744073709551616\n"))
                .isInstanceOfSatisfying(YamlLoadException.class, e -> assertThat(e.getMessage())
                        .startsWith("invalid type: integer `18446744073709551616` as u128, expected any YAML value"));
        assertThatThrownBy(() -> load("v: -9223372036854775809\n"))
                .hasMessageStartingWith("invalid type: integer `-9223372036854775809` as i128");
    }

    @Test
    void badlyTaggedScalarsAreYamlErrors() {
        assertThatThrownBy(() -> load("v: !!bool yes\n")).isInstanceOf(YamlLoadException.class)
                .hasMessageContaining("expected a boolean");
        assertThatThrownBy(() -> load("v: !!int 1.5\n")).isInstanceOf(YamlLoadException.class);
    }

    @Test
    void syntaxErrorsCarryOneBasedPositions() {
        assertThatThrownBy(() -> load("a: [1, 2\nb: 3\n"))
                .isInstanceOfSatisfying(YamlLoadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(YamlLoadException.Kind.YAML);
                    assertThat(e.position()).isNotNull();
                    assertThat(e.position().line()).isPositive();
                    assertThat(e.position().column()).isPositive();
                });
    }

    @Test
    void keysWithoutJsonFormAreValueErrorsAfterYamlChecks() {
        assertThatThrownBy(() -> load("~: 1\n"))
                .isInstanceOfSatisfying(YamlLoadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(YamlLoadException.Kind.JSON_VALUE);
                    assertThat(e.getMessage()).isEqualTo("key must be a string");
                });
        assertThatThrownBy(() -> load("? [a]\n: 1\n")).hasMessage("key must be a string");
        // a YAML error later in the document outranks the key error
        assertThatThrownBy(() -> load("~: 1\nb: 1\nb: 2\n"))
                .isInstanceOfSatisfying(YamlLoadException.class,
                        e -> assertThat(e.kind()).isEqualTo(YamlLoadException.Kind.YAML));
    }

    @Test
    void invalidUtf8IsAYamlError() {
        assertThatThrownBy(() -> YamlTreeLoader.load(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28}))
                .isInstanceOfSatisfying(YamlLoadException.class,
                        e -> assertThat(e.kind()).isEqualTo(YamlLoadException.Kind.YAML));
    }

    @Test
    void jsonDocumentsAreYaml() throws Exception {
        JsonNode tree = load("{\"b\": [1, 2.5, \"x\"], \"a\": null}");
        assertThat(MAPPER.writeValueAsString(tree)).isEqualTo("{\"a\":null,\"b\":[1,2.5,\"x\"]}");
    }
}
