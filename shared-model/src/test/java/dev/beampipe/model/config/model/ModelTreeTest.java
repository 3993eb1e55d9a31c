package dev.beampipe.model.config.model;

import dev.beampipe.model.config.validation.SpecHasher;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.ValidationReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelTreeTest {

    private static final String MINIMAL = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata:
              id: x
            adapters:
              required: [casda]
            """;

    private static ProjectConfig parse(String yaml) {
        return ((ParseResult.Parsed) ProjectConfigValidation.parse(yaml)).config();
    }

    @Test
    void minimalDocumentMatchesTheCanonicalVector() {
        // 30-project-config §5.6.1; this tree has no floats or escapes, so Jackson's compact text is canonical
        String canonical = dev.beampipe.model.canonical.CanonicalJson.write(ModelTree.toJson(parse(MINIMAL)));
        assertThat(canonical).isEqualTo("{\"apiVersion\":\"beampipe.dev/v2\",\"kind\":\"ProjectConfig\",\"metadata\":"
                + "{\"id\":\"x\"},\"adapters\":{\"required\":[\"casda\"],\"tap\":{\"timeout_seconds\":30,\"retries\":1,"
                + "\"fail_open\":false}},\"discovery\":{\"queries\":[],\"enrichments\":[]},\"graph_patches\":[],"
                + "\"output_verification\":{\"required\":false,\"inventory_schema\":\"wallaby-hires-output-inventory/v1\"},"
                + "\"automation\":{}}");
        assertThat(canonical.getBytes(StandardCharsets.UTF_8)).hasSize(345);
        ValidationReport report = ProjectConfigValidation.validate(MINIMAL.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.specSha256()).isEqualTo("92a07c8d07bd0aa624b9b0d29393ce7651bec6990cca132c4e5d189dd2a7b25a");
    }

    @Test
    void unknownEnumValuesAndNullOptionalsNormalise() {
        String a = MINIMAL + """
                definitions: {transforms: {t: {kind: foo, prefix: null}}}
                graph_patches: [{match: {kind: bar, equals: n}, set: {f: 1}}]
                extension: {hooks: [x, manifest], wasm_sha256: null}
                automation: {execution: {execution_rest_remote_poll_interval_seconds: .nan}}
                """;
        String b = MINIMAL + """
                definitions: {transforms: {t: {kind: unknown}}}
                graph_patches: [{match: {kind: unknown, equals: n}, set: {f: 1}}]
                extension: {hooks: [unknown, {manifest: null}]}
                automation: {execution: {}}
                """;
        assertThat(ModelTree.toJson(parse(a))).isEqualTo(ModelTree.toJson(parse(b)));
        assertThat(dev.beampipe.model.canonical.CanonicalJson.write(ModelTree.toJson(parse(a)))).contains("\"transforms\":{\"t\":{\"kind\":\"unknown\"}}")
                .contains("\"hooks\":[\"unknown\",\"manifest\"]").contains("\"match\":{\"kind\":\"unknown\",\"equals\":\"n\"}")
                .contains("\"automation\":{\"execution\":{\"enabled\":false,\"archive_name\":\"casda\"");
    }

    @Test
    void emptyCollectionsOmittedWhereTheSpecSaysSo() {
        String yaml = MINIMAL + """
                definitions: {}
                source_identity: {}
                discovery: {prepare_metadata: {signature: {unknown_key: 1}}}
                manifest: {}
                extension: {}
                graph: {path: g}
                """;
        String text = dev.beampipe.model.canonical.CanonicalJson.write(ModelTree.toJson(parse(yaml)));
        assertThat(text).contains("\"definitions\":{}")
                .contains("\"source_identity\":{\"canonical\":\"source_identifier\"}")
                .contains("\"prepare_metadata\":{\"field_map\":{},\"discovery_flags\":{},\"signature\":"
                        + "{\"include_discovery_flags\":true}}")
                .contains("\"manifest\":{\"group_by\":[],\"source_template\":{},\"path\":\"manifest.json\"}")
                .contains("\"extension\":{\"hooks\":[]}")
                .contains("\"graph\":{\"path\":\"g\"}")
                .doesNotContain("unknown_key");
    }

    @Test
    void transformReferencesKeepTheirForm() {
        String yaml = MINIMAL + """
                discovery:
                  prepare_metadata:
                    field_map:
                      a: {from: x, transform: t}
                      b: {from: x, transform: [t]}
                """;
        String text = dev.beampipe.model.canonical.CanonicalJson.write(ModelTree.toJson(parse(yaml)));
        assertThat(text).contains("\"a\":{\"from\":\"x\",\"transform\":\"t\"}")
                .contains("\"b\":{\"from\":\"x\",\"transform\":[\"t\"]}");
    }

    @Test
    void positionalStructFormIsAccepted() {
        String yaml = """
                apiVersion: beampipe.dev/v2
                kind: ProjectConfig
                metadata: [x, described]
                adapters: [[casda]]
                """;
        ProjectConfig config = parse(yaml);
        assertThat(config.metadata()).isEqualTo(new Metadata("x", "described"));
        assertThat(config.adapters().required()).containsExactly("casda");
        assertThat(config.adapters().tap()).isEqualTo(Tap.DEFAULT);
    }
}
