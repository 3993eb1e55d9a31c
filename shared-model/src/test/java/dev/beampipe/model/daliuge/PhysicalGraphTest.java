package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PhysicalGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ArrayNode array(String s) throws Exception {
        return (ArrayNode) JSON.readTree(s);
    }

    @Test
    void normalizationFillsUiFieldsAndMovesReproDataLast() throws Exception {
        ArrayNode in = array("""
                [{"rmode": "1", "merkleroot": "x"},
                 {"oid": "a", "categoryType": "Application", "dropclass": "dlg.apps.pyfunc.PyFuncApp", "iid": "0"},
                 "junk", {"no": "oid"},
                 {"oid": "d", "categoryType": "Data", "iid": "0-2"},
                 {"oid": "s", "categoryType": "Socket", "iid": 7, "humanReadableKey": null},
                 {"oid": "k", "categoryType": "Container", "type": "custom", "humanReadableKey": "keep"},
                 {"oid": "n", "categoryType": "Construct"}]
                """);
        ArrayNode out = PhysicalGraphNormalizer.normalize(in);
        assertThat(out).hasSize(6);
        assertThat(out.get(0).get("type").asText()).isEqualTo("app");
        assertThat(out.get(0).get("app").asText()).isEqualTo("dlg.apps.pyfunc.PyFuncApp");
        assertThat(out.get(0).get("humanReadableKey").asText()).isEqualTo("1_0");
        assertThat(out.get(1).get("type").asText()).isEqualTo("plain");
        assertThat(out.get(1).get("humanReadableKey").asText()).isEqualTo("2_0-2");
        assertThat(out.get(2).get("type").asText()).isEqualTo("socket");
        assertThat(out.get(2).get("humanReadableKey").asText()).isEqualTo("3_7");
        assertThat(out.get(3).get("type").asText()).isEqualTo("custom");
        assertThat(out.get(3).get("humanReadableKey").asText()).isEqualTo("keep");
        assertThat(out.get(4).has("type")).isFalse();
        assertThat(out.get(4).get("humanReadableKey").asText()).isEqualTo("5_0");
        assertThat(out.get(5).get("rmode").asText()).isEqualTo("1");
        assertThat(PhysicalGraphNormalizer.normalize(out)).isEqualTo(out);
    }

    @Test
    void rootsFollowGetRoots() throws Exception {
        // ingest (root app) → manifest (data) → imager ×2 → images → mosaic; "seed" is a root data drop
        ArrayNode g = array("""
                [{"oid": "ingest", "categoryType": "Application", "outputs": [{"manifest": "m"}]},
                 {"oid": "manifest", "categoryType": "Data", "producers": ["ingest"], "consumers": ["img1", "img2"]},
                 {"oid": "seed", "categoryType": "Data", "consumers": [{"img2": "x"}]},
                 {"oid": "img1", "categoryType": "Application", "inputs": [{"manifest": "m"}], "outputs": ["i1"]},
                 {"oid": "img2", "type": "app", "streamingInputs": [], "outputs": [["i2"]]},
                 {"oid": "i1", "categoryType": "Data", "producers": []},
                 {"oid": "i2", "categoryType": "data"},
                 {"oid": "lonely", "categoryType": "Data"},
                 {"rmode": "1"}]
                """);
        assertThat(GraphRoots.of(g)).containsExactly("ingest", "lonely", "seed");
    }

    @Test
    void sessionIdentity() {
        UUID id = UUID.fromString("019e0000-0000-7000-8000-000000000001");
        String sid = SessionIds.forExecution(id, Instant.parse("2026-08-22T10:00:00.987Z"));
        assertThat(sid).isEqualTo("BeampipeExecution-019e0000-0000-7000-8000-000000000001-2026-08-22T10-00-00");
        assertThat(SessionIds.pathSegment(sid)).isEqualTo(sid);
        assertThat(SessionIds.pathSegment("a b/c:d~e_f.g")).isEqualTo("a%20b%2Fc%3Ad~e_f.g");
        assertThat(SessionIds.pathSegment("é")).isEqualTo("%E9");
    }
}
