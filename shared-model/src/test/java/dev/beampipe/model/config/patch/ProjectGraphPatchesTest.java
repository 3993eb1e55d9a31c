package dev.beampipe.model.config.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectGraphPatchesTest {

    private static final String MANIFEST = "{`graph_overrides`:{`patches`:[{`fields`:[{`name`:`num_of_copies`,"
            + "`value`:5}],`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]},`inputs`:{},`sources`:["
            + "{`source_identifier`:`A`,`sbids`:[{`sbid`:`1`,`beam_count`:2,`datasets`:[{`d`:1},{`d`:2},{`d`:3}]}]},"
            + "{`source_identifier`:`B`,`sbids`:[{`sbid`:`2`,`beam_count`:9,`datasets`:[{`d`:4},{`d`:5}]}]}]}";

    private static Map<String, JsonNode> set(Object... pairs) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], Json.of((String) pairs[i + 1]));
        }
        return map;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("WALLABY: $count over the first source replaces the default override",
                        List.of(GraphPatchSpec.nodeName("Scatter/GenericScatterApp/Beam",
                                set("num_of_copies", "`$count(sbids[].datasets[])`"))),
                        "{`patches`:[{`fields`:[{`name`:`num_of_copies`,`value`:3}],"
                                + "`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]}"),
                Arguments.of("no-download variant: literal string and a count, fields in byte order",
                        List.of(GraphPatchSpec.nodeName("process_CSV_str", set("output_parser", "`pickle`")),
                                GraphPatchSpec.nodeName("Scatter/GenericScatterApp",
                                        set("num_of_copies", "`$count(sbids[].datasets[])`", "a", "1"))),
                        "{`patches`:[{`fields`:[{`name`:`output_parser`,`value`:`pickle`}],"
                                + "`match`:{`equals`:`process_CSV_str`}},"
                                + "{`fields`:[{`name`:`a`,`value`:1},{`name`:`num_of_copies`,`value`:3}],"
                                + "`match`:{`equals`:`Scatter/GenericScatterApp`}}]}"),
                Arguments.of("$sum, non-string literals copied, invalid expression text stays literal",
                        List.of(GraphPatchSpec.nodeName("n", set("s", "`$sum(sbids[].beam_count)`", "o", "{`k`:[1]}",
                                "b", "true", "x", "`$avg(x)`", "w", "` $count(sbids[]) `"))),
                        "{`patches`:[{`fields`:[{`name`:`b`,`value`:true},{`name`:`o`,`value`:{`k`:[1]}},"
                                + "{`name`:`s`,`value`:2},{`name`:`w`,`value`:1},{`name`:`x`,`value`:`$avg(x)`}],"
                                + "`match`:{`equals`:`n`}}]}"),
                Arguments.of("blank equals is skipped (Unicode blank too), kind is dropped",
                        List.of(new GraphPatchSpec("node_name", " \u00A0", set("a", "1")),
                                new GraphPatchSpec("unknown", "keep", set())),
                        "{`patches`:[{`fields`:[],`match`:{`equals`:`keep`}}]}"),
                Arguments.of("all patches blank: default override stays",
                        List.of(GraphPatchSpec.nodeName("", set("a", "1"))),
                        "{`patches`:[{`fields`:[{`name`:`num_of_copies`,`value`:5}],"
                                + "`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]}"),
                Arguments.of("no patches: default override stays", List.of(),
                        "{`patches`:[{`fields`:[{`name`:`num_of_copies`,`value`:5}],"
                                + "`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void producesOverrides(String name, List<GraphPatchSpec> patches, String expectedOverrides) {
        ObjectNode manifest = (ObjectNode) Json.of(MANIFEST);
        ObjectNode out = ProjectGraphPatches.apply(manifest, patches);
        assertThat(StableJson.write(out.get("graph_overrides")))
                .isEqualTo(StableJson.write(Json.of(expectedOverrides)));
        assertThat(out.get("sources")).isEqualTo(manifest.get("sources"));
        assertThat(manifest).isEqualTo(Json.of(MANIFEST));
    }

    @Test
    void withoutSourcesTheWholeManifestIsTheContext() {
        ObjectNode manifest = (ObjectNode) Json.of("{`items`:[1,2,3,4]}");
        ObjectNode out = ProjectGraphPatches.apply(manifest,
                List.of(GraphPatchSpec.nodeName("n", set("c", "`$count(items[])`"))));
        assertThat(out.at("/graph_overrides/patches/0/fields/0/value").asLong()).isEqualTo(4);
    }
}
