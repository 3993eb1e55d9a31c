package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beampipe.simulators.http.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The TM simulator's unrolling and partitioning, as a pure function (40-backends §2.3, §2.4, §10.2). */
class LogicalGraphUnrollerTest {

    static final String SSID = "2026-08-22T10:00:00";
    static final String INGEST = "a1000000-0000-4000-8000-000000000001";
    static final String SCATTER = "a1000000-0000-4000-8000-000000000003";

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture() {
        return (Map<String, Object>) Json.parse(DlgHttp.fixture());
    }

    static List<Map<String, Object>> unroll(Map<String, Object> lg, int parts, String algorithm) {
        return DlgHttp.drops(LogicalGraphUnroller.unroll(lg, new LogicalGraphUnroller.Options(parts, 1, algorithm, SSID)));
    }

    @SuppressWarnings("unchecked")
    static void setCopies(Map<String, Object> lg, int copies) {
        for (Object n : (List<Object>) lg.get("nodeDataArray")) {
            Map<String, Object> node = (Map<String, Object>) n;
            if (SCATTER.equals(node.get("id"))) {
                ((Map<String, Object>) ((List<Object>) node.get("fields")).get(0)).put("value", (long) copies);
            }
        }
    }

    @ParameterizedTest(name = "num_of_copies={0} gives {1} drops")
    @CsvSource({"1, 6", "3, 10", "5, 14"})
    void dropCountFollowsNumOfCopies(int copies, int expectedDrops) {
        Map<String, Object> lg = fixture();
        setCopies(lg, copies);
        List<Object> pgt = LogicalGraphUnroller.unroll(lg, new LogicalGraphUnroller.Options(1, 1, "metis", SSID));
        assertThat(DlgHttp.drops(pgt)).hasSize(expectedDrops);
        assertThat(pgt).hasSize(expectedDrops + 1);
        assertThat((Map<String, Object>) pgt.get(pgt.size() - 1)).containsKey("rmode").doesNotContainKey("oid");
        assertThat(DlgHttp.drops(pgt).stream().filter(d -> d.get("name").equals("imager"))).hasSize(copies);
    }

    @Test
    void dropsCarryOidIidCategoryDropclassAndFlattenedFields() {
        Map<String, Map<String, Object>> byOid = unroll(fixture(), 1, "metis").stream()
                .collect(Collectors.toMap(d -> (String) d.get("oid"), d -> d));
        Map<String, Object> ingest = byOid.get(SSID + "_" + INGEST + "_0");
        assertThat(ingest).containsEntry("iid", "0").containsEntry("rank", List.of(0L))
                .containsEntry("categoryType", "Application").containsEntry("category", "PyFuncApp")
                .containsEntry("dropclass", "dlg.apps.pyfunc.PyFuncApp").containsEntry("lg_key", INGEST)
                .containsEntry("func_name", "beampipe_ingest.run").containsKey("applicationArgs").containsKey("fields");
        Map<String, Object> imager2 = byOid.get(SSID + "_a1000000-0000-4000-8000-000000000004_0-2");
        assertThat(imager2).containsEntry("iid", "0-2").containsEntry("rank", List.of(0L, 2L))
                .containsEntry("command", "imager %i0 %o0");
        assertThat(byOid.values()).noneMatch(d -> "Comment".equals(d.get("category")) || "Scatter".equals(d.get("category")));
    }

    @Test
    void theActiveGraphConfigurationIsAppliedSoTheManifestAppearsOnTheIngestDrop() {
        Map<String, Object> ingest = unroll(fixture(), 1, "metis").get(0);
        assertThat(ingest).containsEntry("name", "beampipe-ingest").containsEntry("manifest_path", "{\"run\":\"manifest-from-config\"}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void relationshipsComeFromTheLinksInMixedStringAndPortForms() {
        List<Map<String, Object>> drops = unroll(fixture(), 1, "metis");
        Map<String, Object> ingest = drops.get(0);
        Map<String, Object> manifest = drops.get(1);
        String manifestOid = (String) manifest.get("oid");
        assertThat((List<Object>) ingest.get("outputs")).containsExactly(Map.of(manifestOid, "manifest_bytes"));
        assertThat((List<Object>) manifest.get("producers")).containsExactly(ingest.get("oid"));
        // broadcast into the scatter: one data drop feeds all three imagers
        assertThat((List<Object>) manifest.get("consumers")).hasSize(3).allMatch(o -> o instanceof String);
        Map<String, Object> mosaic = drops.stream().filter(d -> d.get("name").equals("mosaic")).findFirst().orElseThrow();
        // gather out of the scatter: the mosaic reads all three beam images, keyed by its input port
        assertThat((List<Object>) mosaic.get("inputs")).hasSize(3)
                .allMatch(o -> o instanceof Map<?, ?> m && m.containsValue("images"));
        assertThat(DlgHttp.roots(drops)).containsExactly((String) ingest.get("oid"));
    }

    @ParameterizedTest(name = "{0} over {1} partitions")
    @CsvSource({"metis, 2, 2", "mysarkar, 3, 3", "min_num_parts, 1, 1", "pso, 2, 2", "none, 3, 1"})
    void partitionsStayBelowNumPartitions(String algorithm, int parts, int distinct) {
        List<Map<String, Object>> drops = unroll(fixture(), parts, algorithm);
        assertThat(drops).allMatch(d -> ((String) d.get("node")).matches("#\\d+") && "#0".equals(d.get("island")));
        assertThat(drops.stream().map(d -> d.get("node")).distinct()).hasSize(distinct);
        assertThat(drops).allMatch(d -> Integer.parseInt(((String) d.get("node")).substring(1)) < parts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void untrappedFailures() {
        Map<String, Object> noPath = fixture();
        ((Map<String, Object>) noPath.get("modelData")).remove("filePath");
        assertThatThrownBy(() -> unroll(noPath, 1, "metis")).isInstanceOf(TranslationException.class)
                .satisfies(e -> assertThat(((TranslationException) e).detail).isNull());

        Map<String, Object> empty = fixture();
        empty.put("nodeDataArray", List.of());
        assertThatThrownBy(() -> unroll(empty, 1, "metis")).isInstanceOf(TranslationException.class);

        Map<String, Object> badField = fixture();
        Map<String, Object> nodes = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) badField
                .get("graphConfigurations")).get("cfg-test")).get("nodes");
        ((Map<String, Object>) ((Map<String, Object>) nodes.get(INGEST)).get("fields"))
                .put("no-such-field", Map.of("value", "x"));
        assertThatThrownBy(() -> unroll(badField, 1, "metis")).isInstanceOf(TranslationException.class)
                .hasMessageContaining("no-such-field");
    }

    @Test
    void theRealWallabyGraphUnrolls() {
        @SuppressWarnings("unchecked")
        Map<String, Object> lg = (Map<String, Object>) Json.parse(DlgHttp.read(DlgHttp.wallabyGraph()));
        List<Map<String, Object>> drops = unroll(lg, 2, "metis");
        // 46 non-construct nodes: 28 outside the Scatter, 18 inside it with num_of_copies = 3
        assertThat(drops.size()).isEqualTo(28 + 18 * 3);
        assertThat(drops).anyMatch(d -> "beampipe-ingest".equals(d.get("name")));
        assertThat(DlgHttp.roots(drops)).isNotEmpty();
    }
}
