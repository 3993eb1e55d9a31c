package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSpecsCanonicalFormVectorReproduces() {
        var parsed = ProjectConfigValidation.parse("apiVersion: beampipe.dev/v2\nkind: ProjectConfig\nmetadata:\n  id: x\n"
                + "adapters:\n  required: [casda]\n");
        JsonNode tree = ModelTree.toJson(((dev.beampipe.model.config.validation.ParseResult.Parsed) parsed).config());
        String text = CanonicalJson.canonical(tree);
        assertThat(text).isEqualTo("{\"apiVersion\":\"beampipe.dev/v2\",\"kind\":\"ProjectConfig\",\"metadata\":{\"id\":\"x\"},"
                + "\"adapters\":{\"required\":[\"casda\"],\"tap\":{\"timeout_seconds\":30,\"retries\":1,\"fail_open\":false}},"
                + "\"discovery\":{\"queries\":[],\"enrichments\":[]},\"graph_patches\":[],\"output_verification\":{\"required\":false,"
                + "\"inventory_schema\":\"wallaby-hires-output-inventory/v1\"},\"automation\":{}}");
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(345);
        assertThat(CanonicalJson.canonicalSha256(tree)).isEqualTo("92a07c8d07bd0aa624b9b0d29393ce7651bec6990cca132c4e5d189dd2a7b25a");
    }

    @Test
    void theSignatureVectorsReproduce() throws Exception {
        JsonNode signed = JSON.readTree("{\"123\":{\"discovery_flags\":{\"ra_dec_vsys_complete\":true},\"datasets\":[{\"visibility_filename\":\"a.ms\","
                + "\"sbid\":\"123\",\"dataset_id\":\"dataset-1\",\"checksum\":\"abc\"}]}}");
        assertThat(CanonicalJson.stable(signed)).isEqualTo("{\"123\":{\"datasets\":[{\"checksum\":\"abc\",\"dataset_id\":\"dataset-1\","
                + "\"sbid\":\"123\",\"visibility_filename\":\"a.ms\"}],\"discovery_flags\":{\"ra_dec_vsys_complete\":true}}}");
        assertThat(CanonicalJson.stableSha256(signed)).isEqualTo("4dcd5f3236aa5a13238e7df0a8d712e3026180576154104d2bf088ea3fa3ee85");
        JsonNode none = JSON.readTree("{\"0\":{\"discovery_status\":\"no_datasets\",\"datasets\":[]}}");
        assertThat(CanonicalJson.stableSha256(none)).isEqualTo("f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> escapes() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""),
                org.junit.jupiter.params.provider.Arguments.of("short escapes", "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
                org.junit.jupiter.params.provider.Arguments.of("other controls, lowercase hex", "\u0001\u001f\u0000", "\"\\u0001\\u001f\\u0000\""),
                org.junit.jupiter.params.provider.Arguments.of("slash, DEL and non-ASCII raw", "/\u007f\u00e9\u2028\uD83D\uDE00",
                        "\"/\u007f\u00e9\u2028\uD83D\uDE00\""));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("escapes")
    void stringsAreEscapedTheSerdeWay(String name, String value, String expected) {
        assertThat(CanonicalJson.canonical(JsonNodeFactory.instance.textNode(value))).isEqualTo(expected);
    }

    @Test
    void stableSortsByUtf8BytesNotUtf16() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("\uFF61", 1);       // U+FF61: UTF-16 unit 0xFF61 (sorts after a surrogate pair in UTF-16? no: before)
        o.put("😀", 2);           // U+1F600: surrogate pair 0xD83D... in UTF-16, but 4 bytes 0xF0... in UTF-8
        o.put("b", 3);
        o.put("a", 4);
        assertThat(CanonicalJson.stable(o)).isEqualTo("{\"a\":4,\"b\":3,\"\uFF61\":1,\"😀\":2}");
        assertThat(CanonicalJson.canonical(o)).isEqualTo("{\"\uFF61\":1,\"😀\":2,\"b\":3,\"a\":4}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"60, 60.0", "0.5, 0.5", "1e16, 1e+16", "1.5e20, 1.5e+20", "0.000001, 1e-6", "-0.0, -0.0", "0.00001, 0.00001"})
    void floatsUseTheZmijText(double value, String expected) {
        assertThat(CanonicalJson.canonical(JsonNodeFactory.instance.numberNode(value))).isEqualTo(expected);
    }

    @Test
    void integersArePlainEvenBeyondLong() throws Exception {
        assertThat(CanonicalJson.canonical(JSON.readTree("[18446744073709551615,-5,0]"))).isEqualTo("[18446744073709551615,-5,0]");
    }
}
