package dev.beampipe.model.config.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.StableJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoverySignatureTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final String GOLDEN = "4dcd5f3236aa5a13238e7df0a8d712e3026180576154104d2bf088ea3fa3ee85";

    private static JsonNode json(String text) {
        try {
            return M.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<JsonNode> records(String array) {
        List<JsonNode> out = new ArrayList<>();
        json(array).forEach(out::add);
        return out;
    }

    @Test
    void goldenVectorOfTheReference() {
        List<JsonNode> records = records(
                "[{'sbid':'123','dataset_id':'dataset-1','visibility_filename':'a.ms','checksum':'abc'}]");
        DiscoverySignature.Result r = DiscoverySignature.compute(records,
                json("{'ra_dec_vsys_complete':true}"), SignatureOptions.of(List.of(), null));
        assertThat(r.signature()).isEqualTo(GOLDEN);
        assertThat(StableJson.write(M.valueToTree(r.storedPayloads()))).isEqualTo(
                "{\"123\":{\"datasets\":[{\"checksum\":\"abc\",\"dataset_id\":\"dataset-1\",\"sbid\":\"123\","
                        + "\"visibility_filename\":\"a.ms\"}],\"discovery_flags\":{\"ra_dec_vsys_complete\":true}}}");
    }

    @Test
    void noDatasetsMarker() {
        assertThat(DiscoverySignature.noDatasetsSignature())
                .isEqualTo(DiscoverySignature.NO_DATASETS_SIGNATURE)
                .isEqualTo("f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f");
        assertThat(DiscoverySignature.ofStoredRows(
                Map.of("0", DiscoverySignature.noDatasetsPayload()), SignatureOptions.ABSENT))
                .isEqualTo(DiscoverySignature.NO_DATASETS_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // signature section: present | include flags (null = YAML default) | golden?
            "signature: {}|true||true",
            "include_discovery_flags: true|true|true|true",
            "include_discovery_flags: false|true|false|false",
            "no signature section|false||false",
    })
    void flagsFollowThePresenceRule(String name, boolean present, Boolean include, boolean golden) {
        SignatureOptions options = present ? SignatureOptions.of(null, include) : SignatureOptions.ABSENT;
        DiscoverySignature.Result r = DiscoverySignature.compute(records(
                "[{'sbid':'123','dataset_id':'dataset-1','visibility_filename':'a.ms','checksum':'abc'}]"),
                json("{'ra_dec_vsys_complete':true}"), options);
        assertThat(r.signature().equals(GOLDEN)).isEqualTo(golden);
        assertThat(r.storedPayloads().get("123").has("discovery_flags")).isEqualTo(golden);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"null", "{}"})
    void nullOrEmptyFlagsAreLeftOut(String flags) {
        DiscoverySignature.Result r = DiscoverySignature.compute(
                records("[{'sbid':'1','dataset_id':'d'}]"), json(flags), SignatureOptions.of(null, true));
        assertThat(r.storedPayloads().get("1").has("discovery_flags")).isFalse();
        assertThat(r.signature()).isEqualTo(StableJson.sha256(json("{'1':{'datasets':[{'sbid':'1','dataset_id':'d'}]}}")));
    }

    @Test
    void excludedFieldsLeaveTheHashButStayInStoredMetadataAndTheInputIsUntouched() {
        List<JsonNode> input = records("[{'sbid':'7','dataset_id':'d','access_url':'https://x',"
                + "'sbid_to_eval_file':{'filename':'f.tar','access_url':'https://y'},'list':[{'access_url':1,'k':2}]}]");
        String before = StableJson.write(M.valueToTree(input));
        SignatureOptions options = SignatureOptions.of(List.of("access_url"), true);
        DiscoverySignature.Result r = DiscoverySignature.compute(input, json("{'access_url':'flag kept'}"), options);

        assertThat(StableJson.write(M.valueToTree(input))).isEqualTo(before);
        assertThat(r.signature()).isEqualTo(StableJson.sha256(json("{'7':{'datasets':[{'sbid':'7','dataset_id':'d',"
                + "'sbid_to_eval_file':{'filename':'f.tar'},'list':[{'k':2}]}],"
                + "'discovery_flags':{'access_url':'flag kept'}}}")));
        JsonNode stored = r.storedPayloads().get("7");
        assertThat(stored.at("/datasets/0/access_url").asText()).isEqualTo("https://x");
        assertThat(stored.at("/datasets/0/sbid_to_eval_file/access_url").asText()).isEqualTo("https://y");
    }

    @Test
    void recomputingFromStoredRowsStripsAgainAndMatches() {
        List<JsonNode> input = records("[{'sbid':'7','dataset_id':'b','access_url':'u1'},"
                + "{'sbid':'7','dataset_id':'a','access_url':'u2'},{'sbid':8,'visibility_filename':'v'}]");
        SignatureOptions options = SignatureOptions.of(List.of("access_url"), true);
        DiscoverySignature.Result r = DiscoverySignature.compute(input, json("{'ok':true}"), options);
        assertThat(DiscoverySignature.ofStoredRows(r.storedPayloads(), options)).isEqualTo(r.signature());
        assertThat(r.storedPayloads().keySet()).containsExactly("7", "8");
        assertThat(r.storedPayloads().get("7").at("/datasets/0/dataset_id").asText()).isEqualTo("a");
    }

    @Test
    void groupsBySbidInByteOrderAndSortsDatasets() {
        List<JsonNode> input = records("[{'sbid':'2','dataset_id':'z'},{'sbid':'10','dataset_id':'y'},"
                + "{'sbid':'2','dataset_id':'a','visibility_filename':'q'},{'sbid':'2','visibility_filename':'m'},"
                + "{'sbid':null,'dataset_id':'skipped'},{'dataset_id':'skipped too'},"
                + "{'sbid':{'b':1,'a':2},'dataset_id':3}]");
        DiscoverySignature.Result r = DiscoverySignature.compute(input, null, SignatureOptions.ABSENT);
        assertThat(r.storedPayloads().keySet()).containsExactly("10", "2", "{\"a\":2,\"b\":1}");
        assertThat(StableJson.write(r.storedPayloads().get("2").get("datasets")))
                .isEqualTo("[{\"sbid\":\"2\",\"visibility_filename\":\"m\"},"
                        + "{\"dataset_id\":\"a\",\"sbid\":\"2\",\"visibility_filename\":\"q\"},"
                        + "{\"dataset_id\":\"z\",\"sbid\":\"2\"}]");
        Map<String, JsonNode> hashed = new LinkedHashMap<>();
        r.storedPayloads().forEach(hashed::put);
        assertThat(r.signature()).isEqualTo(StableJson.sha256(M.valueToTree(hashed)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[{'sbid':'1','dataset_id':'d'},[]]|record[1] must be a JSON object",
            "[{'dataset_id':'d'}]|record[0] requires a non-null 'sbid'",
            "[{'sbid':null,'dataset_id':'d'}]|record[0] requires a non-null 'sbid'",
            "[{'sbid':'1','dataset_id':null,'visibility_filename':null}]|record[0] requires 'dataset_id' or 'visibility_filename'",
    })
    void rejectsRecordsThatCannotBePersisted(String array, String message) {
        assertThatThrownBy(() -> DiscoverySignature.requirePersistable(records(array)))
                .isInstanceOf(InvalidRecordException.class).hasMessage(message);
    }

    @Test
    void acceptsPersistableRecords() {
        DiscoverySignature.requirePersistable(records("[{'sbid':1,'visibility_filename':'v'},{'sbid':'1','dataset_id':0}]"));
    }

    @Test
    void absentSectionIgnoresAnyExclusions() {
        SignatureOptions o = new SignatureOptions(false, List.of("x"), true);
        assertThat(o.excludeFields()).isEmpty();
        assertThat(o.includeDiscoveryFlags()).isFalse();
        assertThat(SignatureOptions.of(null, null)).isEqualTo(new SignatureOptions(true, List.of(), true));
    }
}
