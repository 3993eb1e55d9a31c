package dev.beampipe.model.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per invalid document: a minimal valid document plus one mutation, and the first diagnostic it must
 * produce (code, path, and the message where the spec fixes it; null = not asserted).
 */
class InvalidDocumentsTest {

    static final String HEAD = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata:
              id: x
            """;
    static final String ADAPTERS = """
            adapters:
              required: [casda]
            """;
    static final String MINIMAL = HEAD + ADAPTERS;
    static final String SHA = "56faf68f4e22bab5a5976c081f54ad8c2dd4c17c71d02c9b6843c531d2f9a47b";

    /** The minimal document plus extra top-level sections. */
    static String doc(String extra) {
        return MINIMAL + extra;
    }

    static Arguments row(String name, String yaml, String code, String path, String message) {
        return Arguments.of(name, yaml, code, path, message);
    }

    static Stream<Arguments> rows() {
        String structure = "invalid_config_structure";
        return Stream.of(
                // ---- parse phase: exactly one diagnostic
                row("unknown metadata key", HEAD + "  unknown_field: 1\n" + ADAPTERS, structure,
                        "metadata.unknown_field", "unknown field `unknown_field`, expected `id` or `description`"),
                row("unknown root key", doc("extra: 1\n"), structure, "extra",
                        "unknown field `extra`, expected one of `apiVersion`, `kind`, `metadata`, `adapters`, `graph`, "
                                + "`discovery`, `manifest`, `graph_patches`, `output_verification`, `automation`, "
                                + "`extension`, `definitions`, `source_identity`"),
                row("missing kind", "apiVersion: beampipe.dev/v2\nmetadata: {id: x}\n", structure, ".",
                        "missing field `kind`"),
                row("missing apiVersion before kind", "metadata: {id: x}\n", structure, ".",
                        "missing field `apiVersion`"),
                row("missing metadata.id", "apiVersion: a\nkind: b\nmetadata: {description: d}\n", structure,
                        "metadata", "missing field `id`"),
                row("float for u64", MINIMAL + "  tap: {timeout_seconds: 90.0}\n", structure,
                        "adapters.tap.timeout_seconds", "invalid type: floating point `90.0`, expected u64"),
                row("negative u32", MINIMAL + "  tap: {retries: -1}\n", structure, "adapters.tap.retries",
                        "invalid value: integer `-1`, expected u32"),
                row("null for a defaulted struct", HEAD + "adapters: null\n", structure, "adapters",
                        "invalid type: null, expected struct AdapterConfig"),
                row("yes is not a boolean", doc("output_verification: {required: yes}\n"), structure,
                        "output_verification.required", "invalid type: string \"yes\", expected a boolean"),
                row("missing query template", doc("discovery:\n  queries:\n    - {name: q, adapter: casda}\n"),
                        structure, "discovery.queries[0]", "missing field `template`"),
                row("missing transform kind", doc("definitions:\n  transforms:\n    t: {prefix: p}\n"), structure,
                        "definitions.transforms.t", "missing field `kind`"),
                row("integer transform kind", doc("definitions:\n  transforms:\n    t: {kind: 5}\n"), structure,
                        "definitions.transforms.t.kind", "invalid type: integer `5`, expected string or map"),
                row("transform ref of wrong type",
                        doc("discovery:\n  prepare_metadata:\n    field_map:\n      f: {from: a, transform: 5}\n"),
                        structure, "discovery.prepare_metadata.field_map.f.transform",
                        "data did not match any variant of untagged enum TransformRef"),
                row("sorted order decides the first error",
                        HEAD + "zzz: 1\nadapters: {required: 5}\n", structure, "adapters.required",
                        "invalid type: integer `5`, expected a sequence"),
                row("unknown key reported before a missing one", "apiVersion: a\nkind: b\nmetadata: {zz: 1}\n",
                        structure, "metadata.zz", "unknown field `zz`, expected `id` or `description`"),
                row("merge key is an unknown field", "base: &b {id: x}\n" + "apiVersion: a\nkind: b\n"
                        + "metadata:\n  <<: *b\n", structure, "base", null),
                row("merge key inside metadata", "apiVersion: a\nkind: b\nmetadata:\n  <<: {id: x}\n  id: y\n",
                        structure, "metadata.<<", "unknown field `<<`, expected `id` or `description`"),
                row("float for i32", doc("automation:\n  discovery: {stale_after_hours: 1.5}\n"), structure,
                        "automation.discovery.stale_after_hours", "invalid type: floating point `1.5`, expected i32"),
                row("i32 out of range", doc("automation:\n  discovery: {stale_after_hours: 3000000000}\n"), structure,
                        "automation.discovery.stale_after_hours", "invalid value: integer `3000000000`, expected i32"),
                row("integer hook", doc("extension: {hooks: [5]}\n"), structure, "extension.hooks[0]",
                        "invalid type: integer `5`, expected string or map"),
                row("null for a non-optional string", doc("manifest: {path: null}\n"), structure, "manifest.path",
                        "invalid type: null, expected a string"),
                row("string for a map", doc("manifest: {source_template: x}\n"), structure,
                        "manifest.source_template", "invalid type: string \"x\", expected a map"),
                row("scalar root", "hello\n", structure, ".",
                        "invalid type: string \"hello\", expected struct ProjectConfig"),
                row("empty document", "", structure, ".", "invalid type: null, expected struct ProjectConfig"),
                row("local tag on a string", HEAD.replace("id: x", "id: !tag x") + ADAPTERS, structure,
                        "metadata.id", "invalid type: map, expected a string"),
                row("007 is a string for an integer field", MINIMAL + "  tap: {retries: 007}\n", structure,
                        "adapters.tap.retries", "invalid type: string \"007\", expected u32"),
                row("YAML syntax error", "a: [1, 2\nb: 3\n", "invalid_yaml", null, null),
                row("duplicate key", "a: 1\nb: 2\na: 3\n", "invalid_yaml", "line 3, column 1", null),
                row("two documents", MINIMAL + "---\n" + MINIMAL, "invalid_yaml", "$",
                        "deserializing from YAML containing more than one document is not supported"),
                row("null key", doc("~: 1\n"), "invalid_config_value", "$", "key must be a string"),
                // ---- semantic phase: first error in emission order
                row("legacy apiVersion", MINIMAL.replace("/v2", "/v1"), "legacy_api_version", "apiVersion",
                        "apiVersion must be beampipe.dev/v2"),
                row("wrong kind", MINIMAL.replace("kind: ProjectConfig", "kind: Project"), "invalid_kind", "kind",
                        "kind must be ProjectConfig"),
                row("blank metadata.id", MINIMAL.replace("id: x", "id: \"\\u00a0 \""), "required", "metadata.id",
                        "metadata.id is required"),
                row("metadata.id over 80 characters", MINIMAL.replace("id: x", "id: " + "a".repeat(81)),
                        "invalid_limit", "metadata.id", "metadata.id must be at most 80 characters"),
                row("no adapters", HEAD, "required", "adapters.required",
                        "adapters.required must include at least one adapter"),
                row("blank adapter", HEAD + "adapters: {required: [casda, ' ']}\n", "required",
                        "adapters.required[1]", "adapter identifiers must be non-empty"),
                row("zero timeout", MINIMAL + "  tap: {timeout_seconds: 0}\n", "invalid_limit",
                        "adapters.tap.timeout_seconds", "adapters.tap.timeout_seconds must be > 0"),
                row("zero batch size", doc("automation: {discovery: {batch_size: 0}}\n"), "invalid_limit",
                        "automation.discovery.batch_size", "automation.discovery.batch_size must be > 0"),
                row("negative stale hours", doc("automation: {discovery: {stale_after_hours: -1}}\n"),
                        "invalid_limit", "automation.discovery.stale_after_hours",
                        "automation.discovery.stale_after_hours must be > 0"),
                row("zero queue depth", doc("automation: {discovery: {queue_max_depth: 0}}\n"), "invalid_limit",
                        "automation.discovery.queue_max_depth",
                        "automation.discovery.queue_max_depth must be > 0 when set"),
                row("zero sources per execution", doc("automation: {execution: {max_sources_per_execution: 0}}\n"),
                        "invalid_limit", "automation.execution.max_sources_per_execution",
                        "automation.execution.max_sources_per_execution must be > 0"),
                row("zero claim ttl", doc("automation: {execution: {claim_ttl_minutes: 0}}\n"), "invalid_limit",
                        "automation.execution.claim_ttl_minutes", "automation.execution.claim_ttl_minutes must be > 0"),
                row("zero slurm rounds", doc("automation: {execution: {execution_slurm_remote_poll_max_rounds: 0}}\n"),
                        "invalid_limit", "automation.execution.execution_slurm_remote_poll_max_rounds",
                        "automation.execution.execution_slurm_remote_poll_max_rounds must be > 0 when set"),
                row("negative zero interval",
                        doc("automation: {execution: {execution_rest_remote_poll_interval_seconds: -0.0}}\n"),
                        "invalid_limit", "automation.execution.execution_rest_remote_poll_interval_seconds",
                        "automation.execution.execution_rest_remote_poll_interval_seconds must be finite and > 0 when set"),
                row("other inventory schema", doc("output_verification: {inventory_schema: v2}\n"),
                        "unsupported_output_inventory_schema", "output_verification.inventory_schema",
                        "output_verification.inventory_schema must be wallaby-hires-output-inventory/v1"),
                row("empty graph", doc("graph: {}\n"), "mutually_exclusive", "graph",
                        "graph must use exactly one of url or path"),
                row("graph url and path", doc("graph: {url: 'http://x', path: g, sha256: " + SHA + "}\n"),
                        "mutually_exclusive", "graph", "graph must use exactly one of url or path"),
                row("empty graph url", doc("graph: {url: '', sha256: " + SHA + "}\n"), "required", "graph.url",
                        "graph.url must be non-empty when set"),
                row("blank graph path", doc("graph: {path: ' ', sha256: " + SHA + "}\n"), "required", "graph.path",
                        "graph.path must be non-empty when set"),
                row("graph without sha256", doc("graph: {path: g}\n"), "required", "graph.sha256",
                        "graph.sha256 is required to pin graph content"),
                row("short sha256", doc("graph: {path: g, sha256: abc}\n"), "invalid_sha256", "graph.sha256",
                        "graph.sha256 must contain exactly 64 hexadecimal characters"),
                row("blank query name", doc("discovery:\n  queries: [{name: ' ', adapter: casda, template: t}]\n"),
                        "required", "discovery.queries[0].name", "discovery queries name must be non-empty"),
                row("blank enrichment adapter",
                        doc("discovery:\n  enrichments: [{name: e, adapter: '', template: t}]\n"), "required",
                        "discovery.enrichments[0].adapter", "discovery enrichments adapter must be non-empty"),
                row("blank canonical", doc("source_identity: {canonical: ''}\n"), "required",
                        "source_identity.canonical", "source_identity.canonical must be non-empty"),
                row("blank template var name", doc("source_identity: {template_vars: {'': {}}}\n"), "required",
                        "source_identity.template_vars", "template variable names must be non-empty"),
                row("unknown hook", doc("extension: {hooks: [manifest, Manifest]}\n"), "unknown_extension_hook",
                        "extension.hooks[1]", "extension.hooks contains an unknown hook"),
                row("unknown template var transform", doc("source_identity: {template_vars: {v: {transform: t}}}\n"),
                        "unknown_transform", "source_identity.template_vars.v.transform", "unknown transform 't'"),
                row("legacy implicit transform name",
                        doc("discovery:\n  queries: [{name: q, adapter: a, template: t, "
                                + "source_id_transform: strip_hipass_prefix}]\n"),
                        "unknown_transform", "discovery.queries[0].source_id_transform",
                        "unknown transform 'strip_hipass_prefix'"),
                row("blank field_map from", doc("discovery:\n  prepare_metadata:\n    field_map: {f: {}}\n"),
                        "required", "discovery.prepare_metadata.field_map.f.from", "field_map entries require from"),
                row("empty inline chain",
                        doc("discovery:\n  prepare_metadata:\n    field_map: {f: {from: a, transform: []}}\n"),
                        "empty_transform_chain", "discovery.prepare_metadata.field_map.f.transform",
                        "transform chain must include at least one step"),
                row("unknown inline chain step",
                        doc("definitions: {transforms: {trim: {kind: trim}}}\ndiscovery:\n  prepare_metadata:\n"
                                + "    field_map: {f: {from: a, transform: [trim, nope]}}\n"),
                        "unknown_transform", "discovery.prepare_metadata.field_map.f.transform[1]",
                        "unknown transform 'nope'"),
                row("blank discovery flag from",
                        doc("discovery:\n  prepare_metadata:\n    discovery_flags: {g: {from: ' '}}\n    signature: {}\n"),
                        "required", "discovery.prepare_metadata.discovery_flags.g.from",
                        "discovery_flags entries require from"),
                row("unknown kind", doc("definitions: {transforms: {t: {kind: Trim}}}\n"), "unknown_transform_kind",
                        "definitions.transforms.t.kind", "transform has an unknown kind"),
                row("strip_prefix without prefix", doc("definitions: {transforms: {t: {kind: strip_prefix}}}\n"),
                        "required", "definitions.transforms.t.prefix", "strip_prefix requires prefix"),
                row("add_prefix with empty prefix", doc("definitions: {transforms: {t: {kind: add_prefix, prefix: ''}}}\n"),
                        "required", "definitions.transforms.t.prefix", "add_prefix requires prefix"),
                row("add_suffix without suffix", doc("definitions: {transforms: {t: {kind: add_suffix}}}\n"),
                        "required", "definitions.transforms.t.suffix", "add_suffix requires suffix"),
                row("replace without from", doc("definitions: {transforms: {t: {kind: replace, to: x}}}\n"),
                        "required", "definitions.transforms.t.from", "replace requires from"),
                row("default_if_empty without default", doc("definitions: {transforms: {t: {kind: default_if_empty}}}\n"),
                        "required", "definitions.transforms.t.default", "default_if_empty requires default"),
                row("split_last without separators", doc("definitions: {transforms: {t: {kind: split_last, separators: []}}}\n"),
                        "required", "definitions.transforms.t.separators", "split_last requires at least one separator"),
                row("empty separator on any kind", doc("definitions: {transforms: {t: {kind: trim, separators: ['/', '']}}}\n"),
                        "required", "definitions.transforms.t.separators[1]", "transform separators must be non-empty"),
                row("regex_extract without pattern", doc("definitions: {transforms: {t: {kind: regex_extract}}}\n"),
                        "required", "definitions.transforms.t.pattern", "regex_extract requires pattern"),
                row("chain without steps", doc("definitions: {transforms: {t: {kind: chain}}}\n"), "required",
                        "definitions.transforms.t.steps", "chain requires steps"),
                row("chain with unknown step", doc("definitions: {transforms: {t: {kind: chain, steps: [nope]}}}\n"),
                        "unknown_transform", "definitions.transforms.t.steps[0]", "unknown transform 'nope'"),
                row("cyclic chain", doc("definitions: {transforms: {a: {kind: chain, steps: [b]}, "
                                + "b: {kind: chain, steps: [a]}}}\n"),
                        "transform_chain_cycle", "definitions.transforms.a.steps",
                        "transform chain refers back to itself: a -> b -> a"),
                row("unknown match kind", doc("graph_patches: [{match: {equals: n}, set: {f: 1}}]\n"),
                        "unknown_graph_patch_match_kind", "graph_patches[0].match.kind",
                        "graph patch match kind is unknown"),
                row("blank match equals", doc("graph_patches: [{match: {kind: node_name}, set: {f: 1}}]\n"),
                        "required", "graph_patches[0].match.equals", "graph patch match equals must be non-empty"),
                row("empty set", doc("graph_patches: [{match: {kind: node_name, equals: n}}]\n"), "required",
                        "graph_patches[0].set", "graph patch set must include at least one field"),
                row("blank set field name", doc("graph_patches: [{match: {kind: node_name, equals: n}, set: {' ': 1}}]\n"),
                        "required", "graph_patches[0].set", "graph patch set field names must be non-empty"),
                row("malformed expression",
                        doc("graph_patches: [{match: {kind: node_name, equals: n}, set: {f: '$count(x'}}]\n"),
                        "invalid_expression", "graph_patches[0].set.f",
                        "graph patch expressions must use existing $count(...) or $sum(...) forms"),
                row("blank exclude field",
                        doc("discovery:\n  prepare_metadata:\n    signature: {exclude_fields: [a, '']}\n"), "required",
                        "discovery.prepare_metadata.signature.exclude_fields[1]",
                        "signature exclude fields must be non-empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsTheSpecDiagnostic(String name, String yaml, String code, String path, String message) {
        ValidationReport report = ProjectConfigValidation.validate(yaml.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.valid()).isFalse();
        Diagnostic first = report.errors().get(0);
        assertThat(first.severity()).isEqualTo(Severity.ERROR);
        assertThat(first.code()).isEqualTo(code);
        if (path != null) {
            assertThat(first.path()).isEqualTo(path);
        }
        if (message != null) {
            assertThat(first.message()).isEqualTo(message);
        }
        if (code.startsWith("invalid_yaml") || code.startsWith("invalid_config_")) {
            assertThat(report.errors()).hasSize(1);
            assertThat(report.specSha256())
                    .isEqualTo(dev.beampipe.model.canonical.Sha256.hex(yaml.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void theTableHasAtLeastFortyRows() {
        assertThat(rows().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theMinimalDocumentIsValid() {
        ValidationReport report = ProjectConfigValidation.validate(MINIMAL.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.projectId()).isEqualTo("x");
    }

    @Test
    void semanticErrorsAreCollectedInEmissionOrder() {
        String yaml = """
                apiVersion: beampipe.dev/v1
                kind: Other
                metadata: {id: ' '}
                adapters: {required: [], tap: {timeout_seconds: 0}}
                graph: {}
                output_verification: {inventory_schema: x}
                automation:
                  execution: {tick_execution_run_limit: 0, max_sources_per_execution: 0}
                  discovery: {claim_ttl_minutes: 0, batch_size: -5}
                extension: {hooks: [nope]}
                definitions:
                  transforms:
                    z: {kind: chain}
                    a: {kind: chain, steps: [a]}
                graph_patches: [{set: {f: $x}}]
                discovery:
                  queries: [{name: '', adapter: '', template: ''}]
                  prepare_metadata:
                    field_map: {f: {from: '', transform: missing}}
                    signature: {exclude_fields: [' ']}
                """;
        ValidationReport report = ProjectConfigValidation.validate(yaml.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        List<String> found = report.errors().stream().map(d -> d.code() + " " + d.path()).toList();
        assertThat(found).containsExactly(
                "legacy_api_version apiVersion",
                "invalid_kind kind",
                "required metadata.id",
                "required adapters.required",
                "invalid_limit adapters.tap.timeout_seconds",
                "invalid_limit automation.discovery.batch_size",
                "invalid_limit automation.discovery.claim_ttl_minutes",
                "invalid_limit automation.execution.max_sources_per_execution",
                "invalid_limit automation.execution.tick_execution_run_limit",
                "unsupported_output_inventory_schema output_verification.inventory_schema",
                "mutually_exclusive graph",
                "required graph.sha256",
                "required discovery.queries[0].name",
                "required discovery.queries[0].adapter",
                "required discovery.queries[0].template",
                "unknown_extension_hook extension.hooks[0]",
                "required discovery.prepare_metadata.field_map.f.from",
                "unknown_transform discovery.prepare_metadata.field_map.f.transform",
                "required definitions.transforms.z.steps",
                "transform_chain_cycle definitions.transforms.a.steps",
                "unknown_graph_patch_match_kind graph_patches[0].match.kind",
                "required graph_patches[0].match.equals",
                "invalid_expression graph_patches[0].set.f",
                "required discovery.prepare_metadata.signature.exclude_fields[0]");
        assertThat(report.errors().get(0).hint())
                .isEqualTo("v1 project configs are legacy; convert the document to the v2 typed shape before upload");
    }

    @Test
    void otherApiVersionsHaveNoHint() {
        ValidationReport report = ProjectConfigValidation.validate(
                MINIMAL.replace("beampipe.dev/v2", "beampipe.dev/v3").getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.errors()).singleElement().satisfies(d -> assertThat(d.hint()).isNull());
    }

    @Test
    void validationDoesNotInspectWhatTheReferenceLeavesAlone() {
        String yaml = doc("""
                definitions: {transforms: {r: {kind: regex_extract, pattern: '(('}}}
                discovery:
                  queries: [{name: q, adapter: nowhere, template: 'SELECT {unknown}'}]
                graph_patches: [{match: {kind: node_name, equals: n}, set: {f: ' $count(x', g: '$sum(a.b[])', h: 3}}]
                automation: {execution: {deployment_profile_name: missing, archive_name: other}}
                """);
        ValidationReport report = ProjectConfigValidation.validate(yaml.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.errors()).isEmpty();
    }
}
