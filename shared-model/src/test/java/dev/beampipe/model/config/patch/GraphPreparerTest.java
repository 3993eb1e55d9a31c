package dev.beampipe.model.config.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraphPreparerTest {

    private static final GraphPreparer PREPARER = new GraphPreparer();

    /** A small hand-written OJS-shaped graph: ingest head, a scatter with an Integer field, two same-named apps. */
    private static final String GRAPH = "{`modelData`:{`filePath`:`test.graph`,`schemaVersion`:`OJS`},"
            + "`activeGraphConfigId`:null,`graphConfigurations`:{},`linkDataArray`:[],`nodeDataArray`:["
            + "{`id`:`n-ingest`,`name`:`beampipe-ingest`,`category`:`PyFuncApp`,`fields`:["
            + "  {`id`:`f-func`,`name`:`func_name`,`type`:`String`,`value`:`beampipe_ingest`},"
            + "  {`id`:`f-manifest`,`name`:`manifest_path`,`type`:`String`,`value`:``,`defaultValue`:``}]},"
            + "{`id`:`n-scatter`,`name`:`Scatter/GenericScatterApp/Beam`,`category`:`Scatter`,`fields`:["
            + "  {`id`:`f-copies`,`name`:`num_of_copies`,`type`:`Integer`,`value`:3,`defaultValue`:`6`}]},"
            + "{`id`:`n-app1`,`name`:`imager`,`fields`:[{`id`:`a1`,`name`:`num_cpus`,`type`:`Integer`,`value`:1},"
            + "  {`id`:`a2`,`name`:`label`,`type`:`String`,`value`:`x`}]},"
            + "{`id`:`n-app2`,`name`:`imager`,`fields`:[{`id`:`b1`,`name`:`num_cpus`,`type`:`Float`,`value`:1}]}]}";

    private static final String MANIFEST = "{`graph_overrides`:{`patches`:[{`fields`:[{`name`:`num_of_copies`,"
            + "`value`:2}],`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]},`inputs`:{},"
            + "`sources`:[{`source_identifier`:`HIPASSJ1317-16`,`vsys`:`2505.3`,`sbids`:[]}]}";

    private static JsonNode manifestWith(String patches) {
        return Json.of("{`inputs`:{},`graph_overrides`:{`patches`:" + patches + "}}");
    }

    @Test
    void injectsTheManifestAsTheActiveGraphConfiguration() {
        JsonNode graph = Json.of(GRAPH);
        GraphPreparer.Injection injection = PREPARER.injectManifest(graph, Json.of(MANIFEST), "cfg-1", 1_700_000_000L);

        assertThat(injection.injected()).isTrue();
        JsonNode out = injection.graph();
        assertThat(out.get("activeGraphConfigId").asText()).isEqualTo("cfg-1");
        JsonNode config = out.at("/graphConfigurations/cfg-1");
        assertThat(config.get("id").asText()).isEqualTo("cfg-1");
        assertThat(config.at("/modelData/type").asText()).isEqualTo("GraphConfig");
        assertThat(config.at("/modelData/name").asText()).isEqualTo("beampipe-core Auto-generated Manifest");
        assertThat(config.at("/modelData/numLGNodes").asInt()).isEqualTo(4);
        assertThat(config.at("/modelData/lastModifiedDatetime").asLong()).isEqualTo(1_700_000_000L);
        assertThat(config.at("/modelData/location/repositoryService").asText()).isEqualTo("Beampipe");
        JsonNode field = config.at("/nodes/n-ingest/fields/f-manifest");
        assertThat(field.get("comment").asText()).isEmpty();
        assertThat(field.get("value").asText()).isEqualTo("{\"inputs\":{},\"sources\":[{\"sbids\":[],"
                + "\"source_identifier\":\"HIPASSJ1317-16\",\"vsys\":\"2505.3\"}]}");
        // the node's own field is left for DALiuGE's graph-config step
        assertThat(out.at("/nodeDataArray/0/fields/1/value").asText()).isEmpty();
        assertThat(graph).isEqualTo(Json.of(GRAPH));
    }

    @Test
    void createsGraphConfigurationsWhenAbsentAndKeepsOthers() {
        JsonNode graph = Json.of("{`nodeDataArray`:[{`id`:`n`,`name`:`beampipe-ingest`,"
                + "`fields`:[{`id`:`f`,`name`:`manifest_path`}]}]}");
        JsonNode out = PREPARER.injectManifest(graph, Json.of("{}"), "c", 0).graph();
        assertThat(out.at("/graphConfigurations/c/nodes/n/fields/f/value").asText()).isEqualTo("{}");

        JsonNode withOther = Json.of("{`graphConfigurations`:{`old`:{}},`nodeDataArray`:[{`id`:`n`,"
                + "`name`:`beampipe-ingest`,`fields`:[{`id`:`f`,`name`:`manifest_path`}]}]}");
        JsonNode both = PREPARER.injectManifest(withOther, Json.of("{}"), "c", 0).graph();
        assertThat(both.get("graphConfigurations").has("old")).isTrue();
        assertThat(both.get("activeGraphConfigId").asText()).isEqualTo("c");
    }

    static Stream<Arguments> skippedInjections() {
        return Stream.of(
                Arguments.of("no ingest node", "{`nodeDataArray`:[{`id`:`n`,`name`:`other`,`fields`:[]}]}"),
                Arguments.of("no manifest_path field",
                        "{`nodeDataArray`:[{`id`:`n`,`name`:`beampipe-ingest`,`fields`:[{`id`:`f`,`name`:`x`}]}]}"),
                Arguments.of("field without id",
                        "{`nodeDataArray`:[{`id`:`n`,`name`:`beampipe-ingest`,`fields`:[{`name`:`manifest_path`}]}]}"),
                Arguments.of("node without id",
                        "{`nodeDataArray`:[{`name`:`beampipe-ingest`,`fields`:[{`id`:`f`,`name`:`manifest_path`}]}]}"),
                Arguments.of("only the first ingest node counts", "{`nodeDataArray`:["
                        + "{`id`:`n1`,`name`:`beampipe-ingest`,`fields`:[]},"
                        + "{`id`:`n2`,`name`:`beampipe-ingest`,`fields`:[{`id`:`f`,`name`:`manifest_path`}]}]}"),
                Arguments.of("no nodeDataArray", "{}"),
                Arguments.of("not an object", "[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skippedInjections")
    void injectionIsSkippedSilently(String name, String graph) {
        GraphPreparer.Injection injection = PREPARER.injectManifest(Json.of(graph), Json.of(MANIFEST), "c", 0);
        assertThat(injection.injected()).isFalse();
        assertThat(injection.graph()).isEqualTo(Json.of(graph));
    }

    @Test
    void injectionIntoANonObjectGraphConfigurationsFails() {
        JsonNode graph = Json.of("{`graphConfigurations`:[],`nodeDataArray`:[{`id`:`n`,`name`:`beampipe-ingest`,"
                + "`fields`:[{`id`:`f`,`name`:`manifest_path`}]}]}");
        assertThatThrownBy(() -> PREPARER.injectManifest(graph, Json.of("{}"), "c", 0))
                .isInstanceOf(GraphPatchException.class).hasMessage("graph is not a JSON object");
    }

    @Test
    void overrideSetsValueAndIntegerDefaultValue() {
        JsonNode graph = Json.of(GRAPH);
        JsonNode out = PREPARER.applyOverrides(graph, Json.of(MANIFEST));
        JsonNode field = out.at("/nodeDataArray/1/fields/0");
        assertThat(field.get("value").isInt()).isTrue();
        assertThat(field.get("value").asInt()).isEqualTo(2);
        assertThat(field.get("defaultValue").asText()).isEqualTo("2");
        assertThat(graph).isEqualTo(Json.of(GRAPH));
    }

    static Stream<Arguments> overrides() {
        return Stream.of(
                Arguments.of("every matching node is patched; defaultValue only for Integer fields",
                        "[{`match`:{`kind`:`node_name`,`equals`:`imager`},`fields`:[{`name`:`num_cpus`,`value`:4}]}]",
                        Map.of("/nodeDataArray/2/fields/0/value", "4", "/nodeDataArray/2/fields/0/defaultValue", "\"4\"",
                                "/nodeDataArray/3/fields/0/value", "4", "/nodeDataArray/3/fields/0/defaultValue", "")),
                Arguments.of("a string value keeps its quotes in defaultValue",
                        "[{`match`:{`equals`:`imager`},`fields`:[{`name`:`num_cpus`,`value`:`8`}]}]",
                        Map.of("/nodeDataArray/2/fields/0/value", "\"8\"",
                                "/nodeDataArray/2/fields/0/defaultValue", "\"\\\"8\\\"\"")),
                Arguments.of("a field one of the matching nodes has is enough",
                        "[{`match`:{`equals`:`imager`},`fields`:[{`name`:`label`,`value`:null}]}]",
                        Map.of("/nodeDataArray/2/fields/1/value", "null")),
                Arguments.of("missing value sets null",
                        "[{`match`:{`equals`:`imager`},`fields`:[{`name`:`label`}]}]",
                        Map.of("/nodeDataArray/2/fields/1/value", "null")),
                Arguments.of("no equals matches every node, and missing fields are no error",
                        "[{`match`:{},`fields`:[{`name`:`num_cpus`,`value`:2},{`name`:`nowhere`,`value`:1}]}]",
                        Map.of("/nodeDataArray/2/fields/0/value", "2", "/nodeDataArray/3/fields/0/value", "2")),
                Arguments.of("patches without match or fields are ignored",
                        "[{`fields`:[{`name`:`num_cpus`,`value`:9}]},{`match`:{`equals`:`nowhere`}}]",
                        Map.of("/nodeDataArray/2/fields/0/value", "1")),
                Arguments.of("the kind does not change matching",
                        "[{`match`:{`kind`:`regex`,`equals`:`imager`},`fields`:[{`name`:`num_cpus`,`value`:5}]}]",
                        Map.of("/nodeDataArray/2/fields/0/value", "5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overrides")
    void appliesOverrides(String name, String patches, Map<String, String> expected) {
        JsonNode out = PREPARER.applyOverrides(Json.of(GRAPH), manifestWith(patches));
        expected.forEach((pointer, json) -> {
            JsonNode actual = out.at(pointer);
            assertThat(actual.isMissingNode() ? "" : actual.toString()).as(pointer).isEqualTo(json);
        });
    }

    static Stream<Arguments> overrideErrors() {
        return Stream.of(
                Arguments.of("[{`match`:{`kind`:`node_name`,`equals`:`missing`},`fields`:[{`name`:`copies`,`value`:3}]}]",
                        "graph patch target node not found: missing"),
                Arguments.of("[{`match`:{`equals`:`imager`},`fields`:[{`name`:`copies`,`value`:3}]}]",
                        "graph patch field not found on node imager: copies"),
                Arguments.of("[{`match`:{`equals`:`Scatter/GenericScatterApp`},`fields`:[{`name`:`num_of_copies`,`value`:3}]}]",
                        "graph patch target node not found: Scatter/GenericScatterApp"),
                Arguments.of("[{`match`:{`equals`:`imager`},`fields`:[]}]", null));
    }

    @ParameterizedTest
    @MethodSource("overrideErrors")
    void overrideErrors(String patches, String message) {
        if (message == null) {
            assertThat(PREPARER.applyOverrides(Json.of(GRAPH), manifestWith(patches))).isEqualTo(Json.of(GRAPH));
            return;
        }
        assertThatThrownBy(() -> PREPARER.applyOverrides(Json.of(GRAPH), manifestWith(patches)))
                .isInstanceOf(GraphPatchException.class).hasMessage(message);
    }

    @Test
    void graphWithoutNodeDataArrayFailsOnlyWhenThereArePatches() {
        assertThatThrownBy(() -> PREPARER.applyOverrides(Json.of("{}"), Json.of(MANIFEST)))
                .isInstanceOf(GraphPatchException.class).hasMessage("graph is not a JSON object");
        assertThat(PREPARER.applyOverrides(Json.of("{}"), Json.of("{`inputs`:{}}"))).isEqualTo(Json.of("{}"));
        assertThat(PREPARER.applyOverrides(Json.of("{}"), Json.of("{`graph_overrides`:{}}"))).isEqualTo(Json.of("{}"));
    }

    @Test
    void prepareInjectsThenPatches() {
        JsonNode out = PREPARER.prepare(Json.of(GRAPH), Json.of(MANIFEST), "cfg", 5);
        assertThat(out.get("activeGraphConfigId").asText()).isEqualTo("cfg");
        assertThat(out.at("/nodeDataArray/1/fields/0/value").asInt()).isEqualTo(2);
        assertThat(out.at("/graphConfigurations/cfg/nodes/n-ingest/fields/f-manifest/value").asText())
                .doesNotContain("graph_overrides");
    }

    @Test
    void wallabyReferenceGraphWhenPresent() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (root.endsWith("shared-model")) {
            root = root.getParent();
        }
        Path graphFile = root.resolve("../shared/reference/config/graphs/wallaby-hires_deploy-setonix-beampipe.graph")
                .normalize();
        assumeTrue(Files.isRegularFile(graphFile), "reference graph not available: " + graphFile);
        JsonNode graph = Json.MAPPER.readTree(graphFile.toFile());
        JsonNode manifest = ProjectGraphPatches.apply((com.fasterxml.jackson.databind.node.ObjectNode) Json.of(
                "{`graph_overrides`:{},`inputs`:{},`sources`:[{`source_identifier`:`HIPASSJ1317-16`,`sbids`:[{`sbid`:"
                        + "`72962`,`datasets`:[{`dataset_id`:`a`},{`dataset_id`:`b`},{`dataset_id`:`c`},{`dataset_id`:`d`}]}]}]}"),
                List.of(GraphPatchSpec.nodeName("Scatter/GenericScatterApp/Beam",
                        Map.of("num_of_copies", Json.of("`$count(sbids[].datasets[])`")))));

        JsonNode out = PREPARER.prepare(graph, manifest, "cfg-wallaby", 1_700_000_000L);

        JsonNode scatter = null;
        JsonNode ingest = null;
        for (JsonNode node : out.get("nodeDataArray")) {
            if ("Scatter/GenericScatterApp/Beam".equals(node.path("name").asText())) {
                scatter = node;
            }
            if (ingest == null && "beampipe-ingest".equals(node.path("name").asText())) {
                ingest = node;
            }
        }
        assertThat(scatter).isNotNull();
        assertThat(scatter.at("/fields/0/value").asInt()).isEqualTo(4);
        assertThat(scatter.at("/fields/0/defaultValue").asText()).isEqualTo("4");
        String ingestId = ingest.get("id").asText();
        String fieldId = null;
        for (JsonNode field : ingest.get("fields")) {
            if ("manifest_path".equals(field.path("name").asText())) {
                fieldId = field.get("id").asText();
            }
        }
        JsonNode embedded = Json.MAPPER.readTree(out.at("/graphConfigurations/cfg-wallaby/nodes/" + ingestId
                + "/fields/" + fieldId + "/value").asText());
        assertThat(embedded.at("/sources/0/sbids/0/datasets").size()).isEqualTo(4);
        assertThat(embedded.has("graph_overrides")).isFalse();
        assertThat(out.at("/graphConfigurations/cfg-wallaby/modelData/numLGNodes").asInt())
                .isEqualTo(graph.get("nodeDataArray").size());
        assertThat(graph.get("activeGraphConfigId").isNull()).isTrue();
    }
}
