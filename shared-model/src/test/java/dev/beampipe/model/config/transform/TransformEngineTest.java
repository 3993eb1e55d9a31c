package dev.beampipe.model.config.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TransformEngineTest {

    private static final ObjectMapper M = new ObjectMapper();
    static final Map<String, TransformSpec> REGISTRY = new HashMap<>();

    private static TransformSpec kind(String kind) {
        return new TransformSpec(kind, null, null, null, null, null, null, null, null, null);
    }

    private static TransformSpec prefix(String kind, String prefix) {
        return new TransformSpec(kind, prefix, null, null, null, null, null, null, null, null);
    }

    private static TransformSpec replace(String from, String to) {
        return new TransformSpec("replace", null, null, null, null, null, from, to, null, null);
    }

    private static TransformSpec split(List<String> separators) {
        return new TransformSpec("split_last", null, null, separators, null, null, null, null, null, null);
    }

    private static TransformSpec regex(String pattern, Long group) {
        return new TransformSpec("regex_extract", null, null, null, pattern, group, null, null, null, null);
    }

    private static TransformSpec chain(String... steps) {
        return new TransformSpec("chain", null, null, null, null, null, null, null, null,
                steps == null ? null : List.of(steps));
    }

    static {
        REGISTRY.put("id", kind("identity"));
        REGISTRY.put("trim", kind("trim"));
        REGISTRY.put("lower", kind("lowercase"));
        REGISTRY.put("upper", kind("uppercase"));
        REGISTRY.put("repl", replace("-", "_"));
        REGISTRY.put("repl_no_to", replace("ab", null));
        REGISTRY.put("repl_no_from", replace(null, "x"));
        REGISTRY.put("repl_empty_from", replace("", "x"));
        REGISTRY.put("pre", prefix("add_prefix", "SB"));
        REGISTRY.put("pre_missing", kind("add_prefix"));
        REGISTRY.put("pre_empty", prefix("add_prefix", ""));
        REGISTRY.put("suf", new TransformSpec("add_suffix", null, ".ms", null, null, null, null, null, null, null));
        REGISTRY.put("suf_missing", kind("add_suffix"));
        REGISTRY.put("dflt", new TransformSpec("default_if_empty", null, null, null, null, null, null, null, "none", null));
        REGISTRY.put("dflt_null", kind("default_if_empty"));
        REGISTRY.put("strip", prefix("strip_prefix", "HIPASS"));
        REGISTRY.put("strip_missing", kind("strip_prefix"));
        REGISTRY.put("digits", kind("extract_digits"));
        REGISTRY.put("split", split(List.of("/", ":#")));
        REGISTRY.put("split_default", kind("split_last"));
        REGISTRY.put("split_none", split(List.of()));
        REGISTRY.put("present", kind("is_present"));
        REGISTRY.put("eval", kind("select_eval_file_by_size"));
        REGISTRY.put("rx", regex("SB(\\d+)", null));
        REGISTRY.put("rx0", regex("SB(\\d+)", 0L));
        REGISTRY.put("rx2", regex("SB(\\d+)", 2L));
        REGISTRY.put("rx_bad", regex("SB(\\d+", null));
        REGISTRY.put("rx_lookahead", regex("SB(?=1)", 0L));
        REGISTRY.put("rx_no_pattern", regex(null, 0L));
        REGISTRY.put("rx_optional", regex("a(x)?b", 1L));
        REGISTRY.put("rx_digits", regex("(\\d+)", null));
        REGISTRY.put("rx_class", regex("([\\d.]+)", null));
        REGISTRY.put("rx_space", regex("a\\s(b)", null));
        REGISTRY.put("rx_word", regex("(\\w+)", null));
        REGISTRY.put("rx_not_space", regex("(\\S+)$", null));
        REGISTRY.put("rx_named", regex("(?P<sbid>[0-9]+)", 1L));
        REGISTRY.put("rx_case", regex("(?i)(sb)", 1L));
        REGISTRY.put("sbid", chain("digits", "trim"));
        REGISTRY.put("nested", chain("sbid", "pre", "suf"));
        REGISTRY.put("chain_fails", chain("digits", "pre_missing"));
        REGISTRY.put("chain_unknown_step", chain("digits", "nope"));
        REGISTRY.put("chain_no_steps", chain((String[]) null));
        REGISTRY.put("chain_empty", chain());
        REGISTRY.put("cyc_a", chain("trim", "cyc_b"));
        REGISTRY.put("cyc_b", chain("cyc_a"));
        REGISTRY.put("self", chain("self"));
        REGISTRY.put("foo", kind("foo"));
        REGISTRY.put("unknown", kind("unknown"));
    }

    private static final TransformEngine ENGINE = new TransformEngine(REGISTRY);

    private static JsonNode json(String text) {
        try {
            return M.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String show(Optional<JsonNode> result) {
        return result.map(CanonicalJson::write).orElse("FAIL");
    }

    /** The expected column as canonical text, so JSON escapes in the table compare by value. */
    private static String canonical(String expected) {
        return "FAIL".equals(expected) ? expected : CanonicalJson.write(json(expected));
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // identity: any JSON, untouched
            "id|\"  a \"|\"  a \"",
            "id|null|null",
            "id|{\"b\":[1]}|{\"b\":[1]}",
            // trim: Unicode White_Space, numbers as serde text, none → fail
            "trim|\" \\t a b \\n\"|\"a b\"",
            "trim|\"\\u00a0\\u2007\\u202f\\u3000x\\u1680\\u2028\\u0085\"|\"x\"",
            "trim|\"\\u200bx\"|\"\\u200bx\"",
            "trim|12|\"12\"",
            "trim|-0.0|\"-0.0\"",
            "trim|60.0|\"60.0\"",
            "trim|1e16|\"1e+16\"",
            "trim|0.1|\"0.1\"",
            "trim|true|\"true\"",
            "trim|false|\"false\"",
            "trim|\"  \\u00a0 \"|FAIL",
            "trim|null|FAIL",
            "trim|[\"a\"]|FAIL",
            "trim|{}|FAIL",
            // ASCII-only case mapping
            "lower|\" ABC-Éİ \"|\"abc-Éİ\"",
            "upper|\"abc-éıß\"|\"ABC-éıß\"",
            "upper|\"i\"|\"I\"",
            "lower|\"I\"|\"i\"",
            "lower|null|FAIL",
            "upper|\"\"|FAIL",
            // replace
            "repl|\"a-b--c\"|\"a_b__c\"",
            "repl_no_to|\"abab-aab\"|\"-a\"",
            "repl_no_from|\"abc\"|FAIL",
            "repl_empty_from|\"abc\"|FAIL",
            "repl|\"  \"|FAIL",
            "repl|-5|\"_5\"",
            // add_prefix / add_suffix
            "pre|\" 123 \"|\"SB123\"",
            "pre|123|\"SB123\"",
            "pre_missing|\"x\"|FAIL",
            "pre_empty|\"x\"|\"x\"",
            "pre|null|FAIL",
            "suf|\"a\"|\"a.ms\"",
            "suf_missing|\"a\"|FAIL",
            "suf|[]|FAIL",
            // default_if_empty: input kept unchanged (no trim) unless empty
            "dflt|\" \\u00a0 \"|\"none\"",
            "dflt|null|\"none\"",
            "dflt|[]|\"none\"",
            "dflt|{}|\"none\"",
            "dflt|0|0",
            "dflt|false|false",
            "dflt|\" x \"|\" x \"",
            "dflt_null|\"\"|null",
            "dflt_null|\"x\"|\"x\"",
            // strip_prefix: one leading occurrence, case-sensitive
            "strip|\"HIPASSJ1318-21\"|\"J1318-21\"",
            "strip|\" HIPASSHIPASSx \"|\"HIPASSx\"",
            "strip|\"hipassJ1\"|\"hipassJ1\"",
            "strip|\"J1\"|\"J1\"",
            "strip|null|FAIL",
            "strip_missing|\" x \"|\"x\"",
            // extract_digits: every ASCII digit
            "digits|\"ASKAP-72962\"|\"72962\"",
            "digits|\"A2-B3\"|\"23\"",
            "digits|\"٣٤\"|FAIL",
            "digits|\"none\"|FAIL",
            "digits|72962|\"72962\"",
            "digits|1.5e20|\"1520\"",
            "digits|null|FAIL",
            // split_last: characters of every separator form one set
            "split|\"ivo://casda/x:y#12 \"|\"12\"",
            "split|\"a/b:c\"|\"c\"",
            "split|\"a#b/c \"|\"c\"",
            "split|\"a/b/ \"|\"\"",
            "split|\"plain\"|\"plain\"",
            "split_default|\"cube:scan-7\"|\"scan-7\"",
            "split_default|\"a#b\"|\"b\"",
            "split_none|\"a/b\"|\"a/b\"",
            "split|null|FAIL",
            // is_present never fails
            "present|[{}]|true",
            "present|[]|false",
            "present|{}|false",
            "present|null|false",
            "present|\" \\u3000 \"|false",
            "present|0|true",
            "present|false|true",
            "present|\"x\"|true",
            // regex_extract: group default 1, 0 = whole match, first match, string form
            "rx|\" ASKAP SB72962 SB1 \"|\"72962\"",
            "rx0|\"x SB72962\"|\"SB72962\"",
            "rx2|\"SB1\"|FAIL",
            "rx|\"none\"|FAIL",
            "rx|null|FAIL",
            "rx_bad|\"SB1\"|FAIL",
            "rx_lookahead|\"SB1\"|FAIL",
            "rx_no_pattern|\"SB1\"|FAIL",
            "rx_optional|\"ab\"|FAIL",
            "rx_optional|\"axb\"|\"x\"",
            "rx_digits|\"x٣٤5y\"|\"٣٤5\"",
            "rx_class|\"v ١.٢\"|\"١.٢\"",
            "rx_space|\"a\\u00a0b\"|\"b\"",
            "rx_space|\"a\\u2003b\"|\"b\"",
            "rx_word|\"  héllo wörld\"|\"héllo\"",
            "rx_not_space|\"a\\u00a0bc\"|\"bc\"",
            "rx_named|\"SB123\"|\"123\"",
            "rx_case|\"xSb\"|\"Sb\"",
            "rx_digits|12.5|\"12\"",
            // chains: named, nested, failing steps, unknown steps
            "sbid|\"ASKAP-72962\"|\"72962\"",
            "nested|\"ASKAP-72962\"|\"SB72962.ms\"",
            "chain_fails|\"ASKAP-1\"|FAIL",
            "chain_unknown_step|\"ASKAP-1\"|FAIL",
            "chain_no_steps|\"x\"|FAIL",
            "chain_empty|\" x \"|\" x \"",
            // decision 18: a cycle exhausts the depth bound and fails
            "cyc_a|\"x\"|FAIL",
            "self|\"x\"|FAIL",
            // unknown kinds and names
            "foo|\"x\"|FAIL",
            "unknown|\"x\"|FAIL",
            "not_defined|\"x\"|FAIL",
    })
    void appliesEveryKind(String name, String input, String expected) {
        assertThat(show(ENGINE.apply(name, json(input)))).isEqualTo(canonical(expected));
        assertThat(show(ENGINE.apply(TransformRef.single(name), json(input)))).isEqualTo(canonical(expected));
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "digits,trim|\"ASKAP-72962\"|\"72962\"",
            "digits,pre,suf|\"ASKAP-7\"|\"SB7.ms\"",
            "sbid,pre|\"ASKAP-7\"|\"SB7\"",
            "digits,pre_missing|\"ASKAP-7\"|FAIL",
            "digits,nope|\"ASKAP-7\"|FAIL",
            "present,trim|null|\"false\"",
    })
    void appliesInlineChains(String names, String input, String expected) {
        TransformRef ref = TransformRef.chain(List.of(names.split(",")));
        assertThat(show(ENGINE.apply(ref, json(input)))).isEqualTo(canonical(expected));
    }

    @Test
    void emptyInlineListIsTheIdentity() {
        assertThat(show(ENGINE.apply(TransformRef.chain(List.of()), json("\" x \"")))).isEqualTo("\" x \"");
    }

    @Test
    void chainsFailOutsideARegistryAndBuiltInNamesAreNotImplicit() {
        assertThat(TransformEngine.applyStandalone(REGISTRY.get("sbid"), TextNode.valueOf("ASKAP-1"))).isEmpty();
        assertThat(TransformEngine.applyStandalone(REGISTRY.get("digits"), TextNode.valueOf("ASKAP-1")))
                .contains(TextNode.valueOf("1"));
        assertThat(new TransformEngine(Map.of()).apply("trim", TextNode.valueOf(" x "))).isEmpty();
        assertThat(ENGINE.apply("extract_askap_sbid", TextNode.valueOf("ASKAP-1"))).isEmpty();
    }

    @Test
    void chainDepthIsBounded() {
        Map<String, TransformSpec> deep = new HashMap<>();
        deep.put("t0", kind("trim"));
        for (int i = 1; i <= TransformEngine.MAX_CHAIN_DEPTH + 1; i++) {
            deep.put("t" + i, chain("t" + (i - 1)));
        }
        TransformEngine engine = new TransformEngine(deep);
        assertThat(engine.apply("t" + TransformEngine.MAX_CHAIN_DEPTH, TextNode.valueOf(" x ")))
                .contains(TextNode.valueOf("x"));
        assertThat(engine.apply("t" + (TransformEngine.MAX_CHAIN_DEPTH + 1), TextNode.valueOf(" x "))).isEmpty();
    }

    @Test
    void neverMutatesItsInput() {
        JsonNode input = json("{\"a\":[1,{\"b\":\" x \"}]}");
        String before = CanonicalJson.write(input);
        REGISTRY.keySet().forEach(name -> ENGINE.apply(name, input));
        assertThat(CanonicalJson.write(input)).isEqualTo(before);
    }
}
