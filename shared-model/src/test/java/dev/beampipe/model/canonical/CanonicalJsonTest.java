package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of(F.textNode("plain"), "\"plain\""),
                Arguments.of(F.textNode("q\"b\\s/"), "\"q\\\"b\\\\s/\""),
                Arguments.of(F.textNode("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\""),
                Arguments.of(F.textNode("\u0000\u0001\u001f\u001b"), "\"\\u0000\\u0001\\u001f\\u001b\""),
                Arguments.of(F.textNode("\u007f\u2028\u2029é→😀"), "\"\u007f\u2028\u2029é→😀\""),
                Arguments.of(F.textNode("</script>"), "\"</script>\""),
                Arguments.of(F.numberNode(0), "0"),
                Arguments.of(F.numberNode(-42), "-42"),
                Arguments.of(F.numberNode(Long.MIN_VALUE), "-9223372036854775808"),
                Arguments.of(F.numberNode(new BigInteger("18446744073709551615")), "18446744073709551615"),
                Arguments.of(F.numberNode(new BigInteger("18446744073709551616")), "1.8446744073709552e+19"),
                Arguments.of(F.numberNode(60.0), "60.0"),
                Arguments.of(F.numberNode(1e16), "1e+16"),
                Arguments.of(F.numberNode(-0.0), "-0.0"),
                Arguments.of(F.numberNode(new BigDecimal("0.1")), "0.1"),
                Arguments.of(F.numberNode(0.1f), "0.10000000149011612"),
                Arguments.of(F.numberNode(Double.NaN), "null"),
                Arguments.of(F.numberNode(Double.NEGATIVE_INFINITY), "null"),
                Arguments.of(F.booleanNode(true), "true"),
                Arguments.of(F.booleanNode(false), "false"),
                Arguments.of(F.nullNode(), "null"),
                Arguments.of(F.arrayNode(), "[]"),
                Arguments.of(F.objectNode(), "{}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("scalars")
    void writesScalarsAsSerdeJsonDoes(JsonNode node, String expected) {
        assertThat(CanonicalJson.write(node)).isEqualTo(expected);
        assertThat(StableJson.write(node)).isEqualTo(expected);
    }

    @Test
    void keepsInsertionOrderWhileStableJsonSortsByUtf8Bytes() {
        ObjectNode inner = F.objectNode().put("b", 1).put("a", 2);
        ObjectNode root = F.objectNode();
        root.put("z", "1");
        root.put("\uFB01", "ligature");
        root.put("\uD83D\uDE00", "emoji");
        root.set("a", F.arrayNode().add(inner).add(1.5));
        assertThat(CanonicalJson.write(root))
                .isEqualTo("{\"z\":\"1\",\"\uFB01\":\"ligature\",\"\uD83D\uDE00\":\"emoji\",\"a\":[{\"b\":1,\"a\":2},1.5]}");
        // code point order: U+FB01 < U+1F600, although the UTF-16 surrogate 0xD83D sorts before 0xFB01
        assertThat(StableJson.write(root))
                .isEqualTo("{\"a\":[{\"a\":2,\"b\":1},1.5],\"z\":\"1\",\"\uFB01\":\"ligature\",\"\uD83D\uDE00\":\"emoji\"}");
    }

    @Test
    void canonicalFormVectorOfTheSpec() throws Exception {
        // 30-project-config §5.6.1: the minimal document, struct keys in declaration order
        String text = "{\"apiVersion\":\"beampipe.dev/v2\",\"kind\":\"ProjectConfig\",\"metadata\":{\"id\":\"x\"},"
                + "\"adapters\":{\"required\":[\"casda\"],\"tap\":{\"timeout_seconds\":30,\"retries\":1,\"fail_open\":false}},"
                + "\"discovery\":{\"queries\":[],\"enrichments\":[]},\"graph_patches\":[],"
                + "\"output_verification\":{\"required\":false,\"inventory_schema\":\"wallaby-hires-output-inventory/v1\"},"
                + "\"automation\":{}}";
        JsonNode tree = MAPPER.readTree(text);
        assertThat(CanonicalJson.write(tree)).isEqualTo(text);
        assertThat(CanonicalJson.bytes(tree)).hasSize(345);
        assertThat(CanonicalJson.sha256(tree))
                .isEqualTo("92a07c8d07bd0aa624b9b0d29393ce7651bec6990cca132c4e5d189dd2a7b25a");
    }

    @Test
    void stableJsonVectorsOfTheSpec() throws Exception {
        JsonNode golden = MAPPER.readTree("{\"123\":{\"discovery_flags\":{\"ra_dec_vsys_complete\":true},"
                + "\"datasets\":[{\"visibility_filename\":\"a.ms\",\"sbid\":\"123\",\"dataset_id\":\"dataset-1\",\"checksum\":\"abc\"}]}}");
        assertThat(StableJson.write(golden)).isEqualTo("{\"123\":{\"datasets\":[{\"checksum\":\"abc\",\"dataset_id\":\"dataset-1\","
                + "\"sbid\":\"123\",\"visibility_filename\":\"a.ms\"}],\"discovery_flags\":{\"ra_dec_vsys_complete\":true}}}");
        assertThat(StableJson.sha256(golden))
                .isEqualTo("4dcd5f3236aa5a13238e7df0a8d712e3026180576154104d2bf088ea3fa3ee85");
        JsonNode none = MAPPER.readTree("{\"0\":{\"discovery_status\":\"no_datasets\",\"datasets\":[]}}");
        assertThat(StableJson.sha256(none))
                .isEqualTo("f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f");
    }

    @Test
    void hashesUtf8BytesInLowercaseHex() {
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex("é".getBytes(StandardCharsets.UTF_8)));
        assertThat(CanonicalJson.numberText(F.numberNode(7))).isEqualTo("7");
    }
}
