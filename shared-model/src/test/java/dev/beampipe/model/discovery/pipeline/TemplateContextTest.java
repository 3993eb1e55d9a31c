package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.json;
import static dev.beampipe.model.discovery.pipeline.Json.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The query-template context (30-project-config §3.2), with source_identity and in the legacy form. */
class TemplateContextTest {

    private static final String HEAD = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata: {id: ctx}
            definitions:
              transforms:
                strip_hipass: {kind: strip_prefix, prefix: HIPASS}
                upper: {kind: uppercase}
                never: {kind: regex_extract, pattern: "^never$"}
                present: {kind: is_present}
            """;

    record Case(String name, String yaml, String identifier, String expectedContext) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String q0 = "discovery:\n  queries:\n    - {name: q, adapter: casda, template: x";
        return List.of(
                new Case("wallaby template vars", """
                        source_identity:
                          template_vars:
                            source_identifier: {from: canonical}
                            source_name: {transform: strip_hipass}
                        """, "HIPASSJ1317-16", "{'source_identifier':'HIPASSJ1317-16','source_name':'J1317-16'}"),
                new Case("source_identifier added when no var has the name", """
                        source_identity:
                          template_vars:
                            name: {}
                        """, "HIPASSJ1", "{'name':'HIPASSJ1','source_identifier':'HIPASSJ1'}"),
                new Case("a literal from is the value, even 'source_identifier'", """
                        source_identity:
                          template_vars:
                            survey: {from: WALLABY}
                            other: {from: source_identifier}
                        """, "HIPASSJ1", "{'other':'source_identifier','source_identifier':'HIPASSJ1','survey':'WALLABY'}"),
                new Case("a failing transform keeps the base value", """
                        source_identity:
                          template_vars:
                            name: {transform: never}
                        """, "HIPASSJ1", "{'name':'HIPASSJ1','source_identifier':'HIPASSJ1'}"),
                new Case("a var named source_identifier replaces the identifier", """
                        source_identity:
                          template_vars:
                            source_identifier: {transform: upper}
                        """, "hipassj1", "{'source_identifier':'HIPASSJ1'}"),
                new Case("a transform may give a non-string value", """
                        source_identity:
                          template_vars:
                            flag: {transform: present}
                        """, "HIPASSJ1", "{'flag':true,'source_identifier':'HIPASSJ1'}"),
                new Case("legacy: source_name from queries[0].source_id_transform",
                        q0 + ", source_id_transform: strip_hipass}\n", "HIPASSJ1",
                        "{'source_identifier':'HIPASSJ1','source_name':'J1'}"),
                new Case("legacy: a non-string result is coerced to its string form",
                        q0 + ", source_id_transform: present}\n", "HIPASSJ1",
                        "{'source_identifier':'HIPASSJ1','source_name':'true'}"),
                new Case("legacy: a failing transform gives the identifier",
                        q0 + ", source_id_transform: never}\n", "HIPASSJ1",
                        "{'source_identifier':'HIPASSJ1','source_name':'HIPASSJ1'}"),
                new Case("legacy: no transform gives the identifier", q0 + "}\n", "HIPASSJ1",
                        "{'source_identifier':'HIPASSJ1','source_name':'HIPASSJ1'}"),
                new Case("source_identity wins over a legacy source_id_transform", """
                        source_identity: {}
                        discovery:
                          queries:
                            - {name: q, adapter: casda, template: x, source_id_transform: strip_hipass}
                        """, "HIPASSJ1", "{'source_identifier':'HIPASSJ1'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void context(Case c) {
        ProjectConfig config = Json.config(HEAD + c.yaml());
        TemplateContext context = TemplateContext.forSource(config, new TransformEngine(config.transforms()),
                c.identifier());
        ObjectNode actual = JsonNodeFactory.instance.objectNode();
        context.values().forEach(actual::set);
        assertThat(actual).isEqualTo(json(c.expectedContext()));
    }

    @Test
    void legacySecondaryTransformsRewriteSourceNameForEveryLaterQuery() throws InterruptedException {
        ProjectConfig legacy = Json.config(HEAD + """
                discovery:
                  queries:
                    - {name: obs, adapter: casda, template: "P {source_identifier} {source_name}", source_id_transform: strip_hipass}
                    - {name: first, adapter: vizier, template: "S1 {source_name}"}
                    - {name: second, adapter: vizier, template: "S2 {source_name}", source_id_transform: upper}
                    - {name: third, adapter: vizier, template: "S3 {source_name}", source_id_transform: never}
                    - {name: fourth, adapter: vizier, template: "S4 {source_name}"}
                  enrichments:
                    - {name: per_sbid, adapter: casda, template: "E {sbid} {source_name}"}
                  prepare_metadata:
                    field_map:
                      sbid: {from: obs_id}
                """);
        InMemoryArchive archive = new InMemoryArchive()
                .answer("casda", "P ", List.of(row("{'obs_id':'7'}")))
                .answer("vizier", "S", List.of())
                .answer("casda", "E ", List.of());

        new SourceDiscovery(legacy).discover("HIPASSj1", archive);

        assertThat(archive.calls()).extracting(InMemoryArchive.Call::adql).containsExactly(
                "P HIPASSj1 j1", "S1 j1", "S2 HIPASSJ1", "S3 HIPASSJ1", "S4 HIPASSJ1", "E 7 HIPASSJ1");
    }

    @Test
    void valuesAreRenderedAsStringFormsWithQuotesDoubled() throws SourceFailure {
        ProjectConfig config = Json.config(HEAD + """
                source_identity:
                  template_vars:
                    flag: {transform: present}
                    padded: {from: "  O'Brien  "}
                discovery:
                  queries:
                    - {name: q, adapter: casda, template: "'{source_identifier}' {flag} '{padded}' {sbid} { sbid } {unknown}"}
                """);
        TemplateContext context = TemplateContext.forSource(config, new TransformEngine(config.transforms()), "O'Neil");
        assertThat(context.withSbid("42").render(config.discovery().queries().get(0)))
                .isEqualTo("'O''Neil' true 'O''Brien' 42 { sbid } {unknown}");
    }
}
