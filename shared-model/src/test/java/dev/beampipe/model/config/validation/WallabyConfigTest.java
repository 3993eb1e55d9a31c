package dev.beampipe.model.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.transform.TransformRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real WALLABY HiRes config (read from ../shared/reference, never copied into the repository). */
class WallabyConfigTest {

    private static ProjectConfig parse(byte[] bytes) {
        ParseResult result = ProjectConfigValidation.parse(bytes);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).config();
    }

    @Test
    void validatesWithZeroErrorsAndAStableHash() {
        byte[] raw = ReferenceConfigs.wallaby();
        ValidationReport first = ProjectConfigValidation.validate(raw, SpecHasher.canonical());
        ValidationReport second = ProjectConfigValidation.validate(raw, SpecHasher.canonical());
        assertThat(first.errors()).isEmpty();
        assertThat(first.warnings()).isEmpty();
        assertThat(first.valid()).isTrue();
        assertThat(first.projectId()).isEqualTo("wallaby_hires");
        assertThat(first.specSha256()).matches("[0-9a-f]{64}").isEqualTo(second.specSha256())
                .isNotEqualTo(dev.beampipe.model.canonical.Sha256.hex(raw));
    }

    @Test
    void bindsTheEffectiveValuesOfTheWalkThrough() {
        ProjectConfig config = parse(ReferenceConfigs.wallaby());
        assertThat(config.adapters().required()).containsExactly("casda", "vizier");
        assertThat(config.adapters().tap().timeoutSeconds()).isEqualTo(90);
        assertThat(config.adapters().tap().retries()).isEqualTo(2);
        assertThat(config.adapters().tap().failOpen()).isFalse();
        assertThat(config.graph().path()).isEqualTo("config/graphs/wallaby-hires_deploy-setonix-beampipe.graph");
        assertThat(config.graph().url()).isNull();
        assertThat(config.discovery().queries()).extracting(q -> q.name()).containsExactly("visibility", "ra_dec_vsys");
        assertThat(config.discovery().queries().get(1).template()).endsWith("WHERE HIPASS = '{source_name}'\n");
        assertThat(config.discovery().prepareMetadata().fieldMap()).containsOnlyKeys("dataset_id", "sbid", "scan_id",
                "source_identifier", "visibility_filename");
        assertThat(config.discovery().prepareMetadata().fieldMap().get("sbid").transform())
                .isEqualTo(TransformRef.single("normalized_sbid"));
        assertThat(config.discovery().prepareMetadata().signature().excludeFields())
                .containsExactly("access_url", "evaluation_file_access_url", "filesize", "t_max", "t_min");
        assertThat(config.manifest().path()).isEqualTo("manifest.json");
        assertThat(config.manifest().datasetTemplate()).isNull();
        assertThat(config.automation().execution().executionSlurmRemotePollIntervalSeconds()).isEqualTo(60.0);
        assertThat(config.automation().execution().executionRestRemotePollIntervalSeconds()).isNull();
        assertThat(config.automation().discovery().claimTtlMinutes()).isEqualTo(180);
        assertThat(config.automation().discovery().queueMaxDepth()).isNull();
        assertThat(config.extension()).isNull();
        assertThat(config.transforms()).containsOnlyKeys("askap_sbid", "has_rows", "hipass_source_name",
                "normalized_sbid", "scan_id_from_did", "trim");
        assertThat(config.transforms().get("scan_id_from_did").separators()).containsExactly("/", ":", "#");
        assertThat(config.sourceIdentity().templateVars().get("source_name").transform())
                .isEqualTo("hipass_source_name");
    }

    @Test
    void modelTreeUsesDeclarationOrderAndFillsDefaults() {
        ObjectNode tree = ModelTree.toJson(parse(ReferenceConfigs.wallaby()));
        assertThat(keys(tree)).containsExactly("apiVersion", "kind", "metadata", "adapters", "graph", "discovery",
                "manifest", "graph_patches", "output_verification", "automation", "definitions", "source_identity");
        assertThat(keys(tree.get("adapters").get("tap"))).containsExactly("timeout_seconds", "retries", "fail_open");
        assertThat(keys(tree.get("graph"))).containsExactly("path", "sha256");
        assertThat(keys(tree.get("manifest"))).containsExactly("group_by", "source_template", "path");
        assertThat(keys(tree.get("manifest").get("source_template")))
                .containsExactly("dec_string", "ra_string", "source_identifier", "vsys");
        assertThat(keys(tree.get("definitions").get("transforms"))).containsExactly("askap_sbid", "has_rows",
                "hipass_source_name", "normalized_sbid", "scan_id_from_did", "trim");
        assertThat(keys(tree.get("automation").get("execution"))).containsExactly("enabled", "archive_name",
                "max_sources_per_execution", "tick_execution_source_limit", "tick_execution_run_limit",
                "min_sources_to_trigger", "max_wait_minutes", "claim_ttl_minutes", "concurrent_execution_run_limit",
                "deployment_profile_name", "execution_slurm_remote_poll_max_rounds",
                "execution_slurm_remote_poll_interval_seconds");
        assertThat(tree.at("/automation/execution/execution_slurm_remote_poll_interval_seconds").isDouble()).isTrue();
        assertThat(keys(tree.get("automation").get("discovery"))).containsExactly("enabled",
                "tick_discovery_source_limit", "batch_size", "stale_after_hours", "claim_ttl_minutes",
                "tick_discovery_batch_limit", "concurrent_discovery_batch_limit");
        assertThat(keys(tree.at("/discovery/prepare_metadata/signature")))
                .containsExactly("exclude_fields", "include_discovery_flags");
        assertThat(keys(tree.at("/source_identity/template_vars/source_identifier"))).containsExactly("from");
    }

    @Test
    void reemittingTheTreeInAnotherKeyOrderGivesTheSameModel() {
        byte[] raw = ReferenceConfigs.wallaby();
        ParseResult.Parsed original = (ParseResult.Parsed) ProjectConfigValidation.parse(raw);
        String reversed = dev.beampipe.model.canonical.CanonicalJson.write(reverseKeys(original.tree()));
        assertThat(reversed).isNotEqualTo(dev.beampipe.model.canonical.CanonicalJson.write(original.tree()));
        ProjectConfig variant = parse(reversed.getBytes(StandardCharsets.UTF_8));
        assertThat(variant).isEqualTo(original.config());
        assertThat(ModelTree.toJson(variant)).isEqualTo(ModelTree.toJson(original.config()));
        assertThat(ProjectConfigValidation.validate(reversed.getBytes(StandardCharsets.UTF_8), SpecHasher.canonical())
                .specSha256()).isEqualTo(ProjectConfigValidation.validate(raw, SpecHasher.canonical()).specSha256());
    }

    @Test
    void reorderingSectionsAndChangingCommentsGivesTheSameModel() {
        String text = new String(ReferenceConfigs.wallaby(), StandardCharsets.UTF_8);
        String variant = "# reformatted by the test\n" + String.join("\n\n# --- section ---\n",
                reversedTopLevelSections(text)).replaceAll("(?m)^(\\s*)# .*$", "$1# changed comment") + "\n";
        assertThat(variant).isNotEqualTo(text);
        assertThat(parse(variant.getBytes(StandardCharsets.UTF_8))).isEqualTo(parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> reversedTopLevelSections(String text) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                if (current != null) {
                    sections.add(current.toString().stripTrailing());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        sections.add(current.toString().stripTrailing());
        Collections.reverse(sections);
        return sections;
    }

    private static JsonNode reverseKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> names = keys(node);
            Collections.reverse(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> out.set(name, reverseKeys(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(reverseKeys(item)));
            return out;
        }
        return node;
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
