package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code resource_map} of the TM simulator (40-backends §2.2, §10.2). */
class PhysicalGraphMapperTest {

    static final List<String> NODES = List.of("dim:8001", "nm1:8000:5555:6666", "nm2:8000:5555:6666");

    static Map<String, Object> drop(String oid, String node, String island) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("oid", oid);
        d.put("categoryType", "Data");
        d.put("node", node);
        d.put("island", island);
        return d;
    }

    @Test
    void placeholdersBecomeNodeManagersAndTheIsland_reprodataStaysLast() {
        List<Object> pgt = new ArrayList<>(List.of(drop("a", "#0", "#0"), drop("b", "#1", "#0"), Map.of("rmode", "1")));
        List<Object> pg = PhysicalGraphMapper.map(pgt, NODES, 1);
        assertThat(pg).hasSize(3);
        assertThat(DlgHttp.drops(pg)).extracting(d -> d.get("node")).containsExactly("nm1:8000:5555:6666", "nm2:8000:5555:6666");
        assertThat(DlgHttp.drops(pg)).allMatch(d -> d.get("island").equals("dim:8001"));
        assertThat(pg.get(2)).isEqualTo(Map.of("rmode", "1"));
    }

    @Test
    void aLeadingNameIsStripped() {
        List<Object> pg = PhysicalGraphMapper.map(List.of("x.pgt.graph", List.of(drop("a", "#0", "#0"))), NODES, 1);
        assertThat(pg).hasSize(1);
        assertThat(DlgHttp.drops(pg).get(0)).containsEntry("node", "nm1:8000:5555:6666");
    }

    @Test
    void twoIslandsTakeTheFirstTwoEntries() {
        List<Object> pg = PhysicalGraphMapper.map(List.of(drop("a", "#0", "#1")), NODES, 2);
        assertThat(DlgHttp.drops(pg).get(0)).containsEntry("node", "nm2:8000:5555:6666").containsEntry("island", "nm1:8000:5555:6666");
    }

    @Test
    void tooFewNodesIsThe500Detail() {
        assertThatThrownBy(() -> PhysicalGraphMapper.map(List.of(drop("a", "#0", "#0")), NODES, 3))
                .isInstanceOf(TranslationException.class)
                .satisfies(e -> {
                    assertThat(((TranslationException) e).status).isEqualTo(500);
                    assertThat(((TranslationException) e).detail)
                            .isEqualTo("#nodes (3) should be larger than the number of islands (3)");
                });
    }

    @Test
    void aPlaceholderBeyondTheNodeListIsAnUntrappedIndexError() {
        assertThatThrownBy(() -> PhysicalGraphMapper.map(List.of(drop("a", "#2", "#0")), NODES, 1))
                .isInstanceOf(TranslationException.class)
                .satisfies(e -> assertThat(((TranslationException) e).detail).isNull())
                .hasMessageContaining("IndexError");
    }
}
