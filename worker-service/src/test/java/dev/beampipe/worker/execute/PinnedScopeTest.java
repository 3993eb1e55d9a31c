package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.sources.MetadataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinnedScopeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String dataset(String source, String sbid, String id) {
        return "{'source_identifier':'" + source + "','sbid':'" + sbid + "','dataset_id':'" + id + "'}";
    }

    static MetadataRow row(String sbid, String... datasets) {
        return new MetadataRow(sbid, json("{'datasets':[" + String.join(",", datasets) + "]}"));
    }

    static Map<String, List<MetadataRow>> rows() {
        Map<String, List<MetadataRow>> rows = new LinkedHashMap<>();
        rows.put("A", List.of(row("20", dataset("A", "20", "a20-1"), dataset("A", "20", "a20-2")),
                row("10", dataset("A", "10", "a10-1"))));
        rows.put("B", List.of(row("30", "{'source_identifier':'B','sbid':30,'visibility_filename':'b30.ms'}")));
        return rows;
    }

    @Test
    void selectsEveryRowOfEachSourceInSelectionOrderWithSbidsSorted() {
        PinnedScope.Selected s = PinnedScope.select(List.of(new SourceSelection("B", null), new SourceSelection("A", null)), rows());
        assertThat(s.records()).extracting(r -> r.path("dataset_id").asText(r.path("visibility_filename").asText()))
                .containsExactly("b30.ms", "a10-1", "a20-1", "a20-2");
        assertThat(s.expected().cells().keySet()).containsExactly(new ScopeKey("A", "10"), new ScopeKey("A", "20"),
                new ScopeKey("B", "30"));
        assertThat(s.expected().datasetCount()).isEqualTo(4);
    }

    @Test
    void sbidFilterSelectsOnlyThoseRows() {
        PinnedScope.Selected s = PinnedScope.select(List.of(new SourceSelection("A", List.of("20"))), rows());
        assertThat(s.expected().cells()).containsOnlyKeys(new ScopeKey("A", "20"));
        assertThat(s.records()).hasSize(2);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "C:                   | source 'C' has no archive metadata rows",
            "A:10,99              | source 'A' has no archive metadata for selected SBIDs [99]",
            "A:;A:                | execution selects source 'A' more than once",
    })
    void selectionErrors(String selection, String message) {
        List<SourceSelection> selections = java.util.Arrays.stream(selection.split(";")).map(part -> {
            String[] bits = part.split(":", -1);
            return new SourceSelection(bits[0], bits[1].isEmpty() ? null : List.of(bits[1].split(",")));
        }).toList();
        assertThatThrownBy(() -> PinnedScope.select(selections, rows())).isInstanceOf(ScopeException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'[1]'                                                                   | archive metadata of source 'S' SBID 1 is not an object",
            "{'datasets':[]}                                                         | archive metadata of source 'S' SBID 1 contains no datasets",
            "{'datasets':'x'}                                                        | archive metadata of source 'S' SBID 1 contains no datasets",
            "{'datasets':[7]}                                                        | dataset 1 of source 'S' SBID 1 is not an object",
            "{'datasets':[{'sbid':'1','dataset_id':'d'}]}                            | dataset 1 of source 'S' SBID 1 has source_identifier none, expected 'S'",
            "{'datasets':[{'source_identifier':'T','sbid':'1','dataset_id':'d'}]}    | dataset 1 of source 'S' SBID 1 has source_identifier 'T', expected 'S'",
            "{'datasets':[{'source_identifier':'S','sbid':'2','dataset_id':'d'}]}    | dataset 1 of source 'S' SBID 1 has sbid '2', expected '1'",
            "{'datasets':[{'source_identifier':'S','sbid':'1','dataset_id':''}]}     | dataset 1 of source 'S' SBID 1 has no dataset_id or visibility_filename",
            "{'datasets':[{'source_identifier':'S','sbid':'1','dataset_id':'d'},{'source_identifier':'S','sbid':'1','visibility_filename':'d'}]} | dataset 'd' of source 'S' SBID 1 is selected more than once",
    })
    void rowAndDatasetErrors(String metadata, String message) {
        Map<String, List<MetadataRow>> rows = Map.of("S", List.of(new MetadataRow("1", json(metadata))));
        assertThatThrownBy(() -> PinnedScope.select(List.of(new SourceSelection("S", null)), rows))
                .isInstanceOf(ScopeException.class).hasMessage(message);
    }

    @Test
    void manifestWithOneEntryPerSourceAndSbidMatches() {
        PinnedScope.Selected s = PinnedScope.select(List.of(new SourceSelection("A", null)), rows());
        JsonNode manifest = json("{'sources':[{'source_identifier':'A','sbids':[{'sbid':'10','datasets':[" + dataset("A", "10", "a10-1")
                + "]}]},{'source_identifier':'A','sbids':[{'sbid':'20','datasets':[" + dataset("A", "20", "a20-2") + ","
                + dataset("A", "20", "a20-1") + "]}]}]}");
        PinnedScope.requireSame(s.expected(), PinnedScope.ofManifest(manifest), "workflow manifest");
    }

    @Test
    void manifestDifferencesAndDuplicatesAreRefused() {
        PinnedScope.Selected s = PinnedScope.select(List.of(new SourceSelection("A", null)), rows());
        JsonNode missing = json("{'sources':[{'source_identifier':'A','sbids':[{'sbid':'20','datasets':[" + dataset("A", "20", "a20-1")
                + "," + dataset("A", "20", "zz") + "]}]}]}");
        assertThatThrownBy(() -> PinnedScope.requireSame(s.expected(), PinnedScope.ofManifest(missing), "workflow manifest"))
                .hasMessage("workflow manifest differs from the selected dataset scope: missing source 'A' SBID 10 a10-1, "
                        + "source 'A' SBID 20 a20-2; unexpected source 'A' SBID 20 zz");
        JsonNode twice = json("{'sources':[{'source_identifier':'A','sbids':[{'sbid':'10','datasets':[" + dataset("A", "10", "a10-1")
                + "]}]},{'source_identifier':'A','sbids':[{'sbid':'10','datasets':[" + dataset("A", "10", "a10-1") + "]}]}]}");
        assertThatThrownBy(() -> PinnedScope.ofManifest(twice)).hasMessage("workflow manifest selects source 'A' SBID 10 more than once");
        assertThatThrownBy(() -> PinnedScope.ofManifest(json("{'inputs':{}}"))).hasMessage("workflow manifest has no sources array");
    }

    @Test
    void stagedRecordsMustNameTheirScope() {
        assertThatThrownBy(() -> PinnedScope.ofRecords(List.of(json("{'dataset_id':'x'}"))))
                .hasMessage("staged record 1 has no source_identifier or sbid");
        DatasetScope scope = PinnedScope.ofRecords(List.of(json(dataset("A", "10", "a10-1"))));
        assertThat(scope.cells()).containsOnlyKeys(new ScopeKey("A", "10"));
    }
}
