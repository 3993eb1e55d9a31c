package dev.beampipe.model.config.binding;

import static dev.beampipe.model.config.binding.Readers.ANY;
import static dev.beampipe.model.config.binding.Readers.BOOL;
import static dev.beampipe.model.config.binding.Readers.F64;
import static dev.beampipe.model.config.binding.Readers.I32;
import static dev.beampipe.model.config.binding.Readers.I64;
import static dev.beampipe.model.config.binding.Readers.STRING;
import static dev.beampipe.model.config.binding.Readers.TRANSFORM_REF;
import static dev.beampipe.model.config.binding.Readers.U32;
import static dev.beampipe.model.config.binding.Readers.U64;
import static dev.beampipe.model.config.binding.Readers.catchAllEnum;
import static dev.beampipe.model.config.binding.Readers.list;
import static dev.beampipe.model.config.binding.Readers.map;
import static dev.beampipe.model.config.binding.Readers.struct;
import static dev.beampipe.model.config.binding.StructReader.defaulted;
import static dev.beampipe.model.config.binding.StructReader.optional;
import static dev.beampipe.model.config.binding.StructReader.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.config.model.Automation;
import dev.beampipe.model.config.model.Definitions;
import dev.beampipe.model.config.model.Discovery;
import dev.beampipe.model.config.model.DiscoveryAutomation;
import dev.beampipe.model.config.model.DiscoveryQuery;
import dev.beampipe.model.config.model.ExecutionAutomation;
import dev.beampipe.model.config.model.Extension;
import dev.beampipe.model.config.model.Graph;
import dev.beampipe.model.config.model.GraphPatch;
import dev.beampipe.model.config.model.GraphPatchMatch;
import dev.beampipe.model.config.model.Manifest;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.model.Metadata;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.model.Signature;
import dev.beampipe.model.config.model.SourceIdentity;
import dev.beampipe.model.config.model.Tap;
import dev.beampipe.model.config.model.TemplateVar;
import dev.beampipe.model.config.transform.TransformRef;
import dev.beampipe.model.config.transform.TransformSpec;
import dev.beampipe.model.canonical.SortedTree;
import java.util.List;
import java.util.Map;

/**
 * Step 3 of 30-project-config §1.1: the byte-sorted JSON tree → {@link ProjectConfig}, failing with the first
 * structural error as serde would report it. Field lists are in declaration (canonical) order; struct names
 * appear only in messages.
 */
public final class ConfigBinder {

    private static final Reader<Metadata> METADATA = struct(StructReader.strict("ProjectMetadata",
            required("id", STRING),
            optional("description", STRING)),
            v -> new Metadata((String) v[0], (String) v[1]));

    private static final Reader<Tap> TAP = struct(StructReader.strict("TapConfig",
            defaulted("timeout_seconds", U64, Tap.DEFAULT.timeoutSeconds()),
            defaulted("retries", U32, Tap.DEFAULT.retries()),
            defaulted("fail_open", BOOL, Tap.DEFAULT.failOpen())),
            v -> new Tap((Long) v[0], (Long) v[1], (Boolean) v[2]));

    private static final Reader<Adapters> ADAPTERS = struct(StructReader.strict("AdapterConfig",
            defaulted("required", list(STRING), List.of()),
            optional("casda_tap_url", STRING),
            optional("vizier_tap_url", STRING),
            defaulted("tap", TAP, Tap.DEFAULT)),
            v -> new Adapters(cast(v[0]), (String) v[1], (String) v[2], (Tap) v[3]));

    private static final Reader<Graph> GRAPH = struct(StructReader.strict("GraphConfig",
            optional("url", STRING),
            optional("path", STRING),
            optional("sha256", STRING)),
            v -> new Graph((String) v[0], (String) v[1], (String) v[2]));

    private static final Reader<DiscoveryQuery> QUERY = struct(StructReader.strict("DiscoveryQuery",
            required("name", STRING),
            required("adapter", STRING),
            required("template", STRING),
            optional("source_id_transform", STRING)),
            v -> new DiscoveryQuery((String) v[0], (String) v[1], (String) v[2], (String) v[3]));

    private static final Reader<MappingSpec> MAPPING = struct(StructReader.strict("MappingSpec",
            defaulted("from", STRING, ""),
            optional("transform", TRANSFORM_REF)),
            v -> new MappingSpec((String) v[0], (TransformRef) v[1]));

    /** The one struct that ignores unknown keys. */
    private static final Reader<Signature> SIGNATURE = struct(StructReader.lenient("SignatureConfig",
            defaulted("exclude_fields", list(STRING), List.of()),
            defaulted("include_discovery_flags", BOOL, true)),
            v -> new Signature(cast(v[0]), (Boolean) v[1]));

    private static final Reader<PrepareMetadata> PREPARE_METADATA = struct(StructReader.strict("PrepareMetadataConfig",
            defaulted("field_map", map(MAPPING), Map.of()),
            defaulted("discovery_flags", map(MAPPING), Map.of()),
            optional("signature", SIGNATURE)),
            v -> new PrepareMetadata(cast(v[0]), cast(v[1]), (Signature) v[2]));

    private static final Reader<Discovery> DISCOVERY = struct(StructReader.strict("DiscoveryConfig",
            defaulted("queries", list(QUERY), List.of()),
            defaulted("enrichments", list(QUERY), List.of()),
            optional("prepare_metadata", PREPARE_METADATA)),
            v -> new Discovery(cast(v[0]), cast(v[1]), (PrepareMetadata) v[2]));

    private static final Reader<Manifest> MANIFEST = struct(StructReader.strict("ManifestConfig",
            defaulted("group_by", list(STRING), List.of()),
            defaulted("source_template", map(ANY), Map.of()),
            optional("dataset_template", map(ANY)),
            optional("expand_from", STRING),
            defaulted("path", STRING, Manifest.DEFAULT_PATH)),
            v -> new Manifest(cast(v[0]), cast(v[1]), cast(v[2]), (String) v[3], (String) v[4]));

    private static final Reader<GraphPatchMatch> MATCH = struct(StructReader.strict("GraphPatchMatch",
            defaulted("kind", catchAllEnum(ConfigBinder::matchKind), GraphPatchMatch.MatchKind.UNKNOWN),
            defaulted("equals", STRING, "")),
            v -> new GraphPatchMatch((GraphPatchMatch.MatchKind) v[0], (String) v[1]));

    private static final Reader<GraphPatch> GRAPH_PATCH = struct(StructReader.strict("GraphPatch",
            defaulted("match", MATCH, GraphPatchMatch.DEFAULT),
            defaulted("set", map(ANY), Map.of())),
            v -> new GraphPatch((GraphPatchMatch) v[0], cast(v[1])));

    private static final Reader<OutputVerification> OUTPUT_VERIFICATION = struct(
            StructReader.strict("OutputVerificationConfig",
                    defaulted("required", BOOL, false),
                    defaulted("inventory_schema", STRING, OutputVerification.INVENTORY_SCHEMA_V1)),
            v -> new OutputVerification((Boolean) v[0], (String) v[1]));

    private static final ExecutionAutomation EXEC = ExecutionAutomation.DEFAULT;
    private static final Reader<ExecutionAutomation> EXECUTION_AUTOMATION = struct(
            StructReader.strict("ExecutionAutomationConfig",
                    defaulted("enabled", BOOL, EXEC.enabled()),
                    defaulted("archive_name", STRING, EXEC.archiveName()),
                    defaulted("max_sources_per_execution", I64, EXEC.maxSourcesPerExecution()),
                    defaulted("tick_execution_source_limit", I64, EXEC.tickExecutionSourceLimit()),
                    defaulted("tick_execution_run_limit", I64, EXEC.tickExecutionRunLimit()),
                    defaulted("min_sources_to_trigger", I64, EXEC.minSourcesToTrigger()),
                    defaulted("max_wait_minutes", I64, EXEC.maxWaitMinutes()),
                    defaulted("claim_ttl_minutes", I64, EXEC.claimTtlMinutes()),
                    optional("concurrent_execution_run_limit", I64),
                    optional("deployment_profile_name", STRING),
                    optional("execution_slurm_remote_poll_max_rounds", I64),
                    optional("execution_rest_remote_poll_max_rounds", I64),
                    optional("execution_rest_remote_poll_interval_seconds", F64),
                    optional("execution_slurm_remote_poll_interval_seconds", F64)),
            v -> new ExecutionAutomation((Boolean) v[0], (String) v[1], (Long) v[2], (Long) v[3], (Long) v[4],
                    (Long) v[5], (Long) v[6], (Long) v[7], (Long) v[8], (String) v[9], (Long) v[10], (Long) v[11],
                    (Double) v[12], (Double) v[13]));

    private static final DiscoveryAutomation DISC = DiscoveryAutomation.DEFAULT;
    private static final Reader<DiscoveryAutomation> DISCOVERY_AUTOMATION = struct(
            StructReader.strict("DiscoveryAutomationConfig",
                    defaulted("enabled", BOOL, DISC.enabled()),
                    defaulted("tick_discovery_source_limit", I64, DISC.tickDiscoverySourceLimit()),
                    defaulted("batch_size", I64, DISC.batchSize()),
                    defaulted("stale_after_hours", I32, DISC.staleAfterHours()),
                    defaulted("claim_ttl_minutes", I64, DISC.claimTtlMinutes()),
                    optional("queue_max_depth", I64),
                    optional("tick_discovery_batch_limit", I64),
                    optional("concurrent_discovery_batch_limit", I64)),
            v -> new DiscoveryAutomation((Boolean) v[0], (Long) v[1], (Long) v[2], (Integer) v[3], (Long) v[4],
                    (Long) v[5], (Long) v[6], (Long) v[7]));

    private static final Reader<Automation> AUTOMATION = struct(StructReader.strict("AutomationConfig",
            optional("execution", EXECUTION_AUTOMATION),
            optional("discovery", DISCOVERY_AUTOMATION)),
            v -> new Automation((ExecutionAutomation) v[0], (DiscoveryAutomation) v[1]));

    private static final Reader<Extension> EXTENSION = struct(StructReader.strict("ExtensionConfig",
            optional("wasm_sha256", STRING),
            defaulted("hooks", list(catchAllEnum(ConfigBinder::hook)), List.of())),
            v -> new Extension((String) v[0], cast(v[1])));

    private static final Reader<TransformSpec> TRANSFORM = struct(StructReader.strict("TransformSpec",
            required("kind", catchAllEnum(kind -> kind)),
            optional("prefix", STRING),
            optional("suffix", STRING),
            optional("separators", list(STRING)),
            optional("pattern", STRING),
            optional("group", U32),
            optional("from", STRING),
            optional("to", STRING),
            optional("default", STRING),
            optional("steps", list(STRING))),
            v -> new TransformSpec((String) v[0], (String) v[1], (String) v[2], cast(v[3]), (String) v[4],
                    (Long) v[5], (String) v[6], (String) v[7], (String) v[8], cast(v[9])));

    private static final Reader<Definitions> DEFINITIONS = struct(StructReader.strict("DefinitionsConfig",
            defaulted("transforms", map(TRANSFORM), Map.of())),
            v -> new Definitions(cast(v[0])));

    private static final Reader<TemplateVar> TEMPLATE_VAR = struct(StructReader.strict("TemplateVarSpec",
            optional("from", STRING),
            optional("transform", STRING)),
            v -> new TemplateVar((String) v[0], (String) v[1]));

    private static final Reader<SourceIdentity> SOURCE_IDENTITY = struct(StructReader.strict("SourceIdentityConfig",
            defaulted("canonical", STRING, SourceIdentity.DEFAULT_CANONICAL),
            defaulted("template_vars", map(TEMPLATE_VAR), Map.of())),
            v -> new SourceIdentity((String) v[0], cast(v[1])));

    private static final Reader<ProjectConfig> PROJECT_CONFIG = struct(StructReader.strict("ProjectConfig",
            required("apiVersion", STRING),
            required("kind", STRING),
            required("metadata", METADATA),
            defaulted("adapters", ADAPTERS, Adapters.DEFAULT),
            optional("graph", GRAPH),
            defaulted("discovery", DISCOVERY, Discovery.DEFAULT),
            optional("manifest", MANIFEST),
            defaulted("graph_patches", list(GRAPH_PATCH), List.of()),
            defaulted("output_verification", OUTPUT_VERIFICATION, OutputVerification.DEFAULT),
            defaulted("automation", AUTOMATION, Automation.DEFAULT),
            optional("extension", EXTENSION),
            optional("definitions", DEFINITIONS),
            optional("source_identity", SOURCE_IDENTITY)),
            v -> new ProjectConfig((String) v[0], (String) v[1], (Metadata) v[2], (Adapters) v[3], (Graph) v[4],
                    (Discovery) v[5], (Manifest) v[6], cast(v[7]), (OutputVerification) v[8], (Automation) v[9],
                    (Extension) v[10], (Definitions) v[11], (SourceIdentity) v[12]));

    private ConfigBinder() {
    }

    /**
     * Binds a JSON tree. Objects are re-sorted into byte order first, so that the first error is the one the
     * reference reports whatever the tree's origin (YAML loader, JSON body, stored JSONB).
     */
    public static ProjectConfig bind(JsonNode tree) throws BindingException {
        return PROJECT_CONFIG.read(SortedTree.of(tree), BindPath.ROOT);
    }

    private static GraphPatchMatch.MatchKind matchKind(String value) {
        return "node_name".equals(value) ? GraphPatchMatch.MatchKind.NODE_NAME : GraphPatchMatch.MatchKind.UNKNOWN;
    }

    private static Extension.Hook hook(String value) {
        return switch (value) {
            case "prepare_metadata" -> Extension.Hook.PREPARE_METADATA;
            case "manifest" -> Extension.Hook.MANIFEST;
            case "graph_patches" -> Extension.Hook.GRAPH_PATCHES;
            default -> Extension.Hook.UNKNOWN;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
