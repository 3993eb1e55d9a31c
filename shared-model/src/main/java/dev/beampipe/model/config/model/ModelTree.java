package dev.beampipe.model.config.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.transform.TransformRef;
import dev.beampipe.model.config.transform.TransformSpec;
import dev.beampipe.model.canonical.SortedTree;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The typed model as the JSON tree whose compact serialization is hashed into {@code spec_sha256}
 * (30-project-config §5.5): struct keys in declaration order, free-form maps (and objects inside {@code any}
 * values) in UTF-8 byte order, defaults filled in, absent optionals omitted, some empty collections omitted,
 * unknown enum values written as {@code unknown}. Serializing the tree is the canonical writer's job.
 */
public final class ModelTree {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ModelTree() {
    }

    public static ObjectNode toJson(ProjectConfig config) {
        ObjectNode root = JSON.objectNode();
        root.put("apiVersion", config.apiVersion());
        root.put("kind", config.kind());
        root.set("metadata", metadata(config.metadata()));
        root.set("adapters", adapters(config.adapters()));
        putIfPresent(root, "graph", config.graph(), ModelTree::graph);
        root.set("discovery", discovery(config.discovery()));
        putIfPresent(root, "manifest", config.manifest(), ModelTree::manifest);
        root.set("graph_patches", array(config.graphPatches(), ModelTree::graphPatch));
        root.set("output_verification", outputVerification(config.outputVerification()));
        root.set("automation", automation(config.automation()));
        putIfPresent(root, "extension", config.extension(), ModelTree::extension);
        putIfPresent(root, "definitions", config.definitions(), ModelTree::definitions);
        putIfPresent(root, "source_identity", config.sourceIdentity(), ModelTree::sourceIdentity);
        return root;
    }

    public static ObjectNode metadata(Metadata metadata) {
        ObjectNode out = JSON.objectNode();
        out.put("id", metadata.id());
        putText(out, "description", metadata.description());
        return out;
    }

    public static ObjectNode adapters(Adapters adapters) {
        ObjectNode out = JSON.objectNode();
        out.set("required", strings(adapters.required()));
        putText(out, "casda_tap_url", adapters.casdaTapUrl());
        putText(out, "vizier_tap_url", adapters.vizierTapUrl());
        ObjectNode tap = out.putObject("tap");
        tap.set("timeout_seconds", unsigned(adapters.tap().timeoutSeconds()));
        tap.put("retries", adapters.tap().retries());
        tap.put("fail_open", adapters.tap().failOpen());
        return out;
    }

    public static ObjectNode graph(Graph graph) {
        ObjectNode out = JSON.objectNode();
        putText(out, "url", graph.url());
        putText(out, "path", graph.path());
        putText(out, "sha256", graph.sha256());
        return out;
    }

    public static ObjectNode discovery(Discovery discovery) {
        ObjectNode out = JSON.objectNode();
        out.set("queries", array(discovery.queries(), ModelTree::query));
        out.set("enrichments", array(discovery.enrichments(), ModelTree::query));
        putIfPresent(out, "prepare_metadata", discovery.prepareMetadata(), ModelTree::prepareMetadata);
        return out;
    }

    private static ObjectNode query(DiscoveryQuery query) {
        ObjectNode out = JSON.objectNode();
        out.put("name", query.name());
        out.put("adapter", query.adapter());
        out.put("template", query.template());
        putText(out, "source_id_transform", query.sourceIdTransform());
        return out;
    }

    public static ObjectNode prepareMetadata(PrepareMetadata prepare) {
        ObjectNode out = JSON.objectNode();
        out.set("field_map", fieldMap(prepare.fieldMap()));
        out.set("discovery_flags", fieldMap(prepare.discoveryFlags()));
        putIfPresent(out, "signature", prepare.signature(), ModelTree::signature);
        return out;
    }

    public static ObjectNode fieldMap(Map<String, MappingSpec> map) {
        return object(map, ModelTree::mapping);
    }

    private static ObjectNode mapping(MappingSpec mapping) {
        ObjectNode out = JSON.objectNode();
        out.put("from", mapping.from());
        putIfPresent(out, "transform", mapping.transform(), ModelTree::transformRef);
        return out;
    }

    private static JsonNode transformRef(TransformRef ref) {
        return ref.inlineList() ? strings(ref.names()) : JSON.textNode(ref.names().get(0));
    }

    public static ObjectNode signature(Signature signature) {
        ObjectNode out = JSON.objectNode();
        if (!signature.excludeFields().isEmpty()) {
            out.set("exclude_fields", strings(signature.excludeFields()));
        }
        out.put("include_discovery_flags", signature.includeDiscoveryFlags());
        return out;
    }

    private static ObjectNode manifest(Manifest manifest) {
        ObjectNode out = JSON.objectNode();
        out.set("group_by", strings(manifest.groupBy()));
        out.set("source_template", object(manifest.sourceTemplate(), SortedTree::of));
        putIfPresent(out, "dataset_template", manifest.datasetTemplate(), t -> object(t, SortedTree::of));
        putText(out, "expand_from", manifest.expandFrom());
        out.put("path", manifest.path());
        return out;
    }

    private static ObjectNode graphPatch(GraphPatch patch) {
        ObjectNode out = JSON.objectNode();
        ObjectNode match = out.putObject("match");
        match.put("kind", patch.match().kind().wireName());
        match.put("equals", patch.match().equals());
        out.set("set", object(patch.set(), SortedTree::of));
        return out;
    }

    private static ObjectNode outputVerification(OutputVerification verification) {
        ObjectNode out = JSON.objectNode();
        out.put("required", verification.required());
        out.put("inventory_schema", verification.inventorySchema());
        return out;
    }

    private static ObjectNode automation(Automation automation) {
        ObjectNode out = JSON.objectNode();
        putIfPresent(out, "execution", automation.execution(), ModelTree::executionAutomation);
        putIfPresent(out, "discovery", automation.discovery(), ModelTree::discoveryAutomation);
        return out;
    }

    private static ObjectNode executionAutomation(ExecutionAutomation e) {
        ObjectNode out = JSON.objectNode();
        out.put("enabled", e.enabled());
        out.put("archive_name", e.archiveName());
        out.put("max_sources_per_execution", e.maxSourcesPerExecution());
        out.put("tick_execution_source_limit", e.tickExecutionSourceLimit());
        out.put("tick_execution_run_limit", e.tickExecutionRunLimit());
        out.put("min_sources_to_trigger", e.minSourcesToTrigger());
        out.put("max_wait_minutes", e.maxWaitMinutes());
        out.put("claim_ttl_minutes", e.claimTtlMinutes());
        putLong(out, "concurrent_execution_run_limit", e.concurrentExecutionRunLimit());
        putText(out, "deployment_profile_name", e.deploymentProfileName());
        putLong(out, "execution_slurm_remote_poll_max_rounds", e.executionSlurmRemotePollMaxRounds());
        putLong(out, "execution_rest_remote_poll_max_rounds", e.executionRestRemotePollMaxRounds());
        putDouble(out, "execution_rest_remote_poll_interval_seconds", e.executionRestRemotePollIntervalSeconds());
        putDouble(out, "execution_slurm_remote_poll_interval_seconds", e.executionSlurmRemotePollIntervalSeconds());
        return out;
    }

    private static ObjectNode discoveryAutomation(DiscoveryAutomation d) {
        ObjectNode out = JSON.objectNode();
        out.put("enabled", d.enabled());
        out.put("tick_discovery_source_limit", d.tickDiscoverySourceLimit());
        out.put("batch_size", d.batchSize());
        out.put("stale_after_hours", d.staleAfterHours());
        out.put("claim_ttl_minutes", d.claimTtlMinutes());
        putLong(out, "queue_max_depth", d.queueMaxDepth());
        putLong(out, "tick_discovery_batch_limit", d.tickDiscoveryBatchLimit());
        putLong(out, "concurrent_discovery_batch_limit", d.concurrentDiscoveryBatchLimit());
        return out;
    }

    private static ObjectNode extension(Extension extension) {
        ObjectNode out = JSON.objectNode();
        putText(out, "wasm_sha256", extension.wasmSha256());
        ArrayNode hooks = out.putArray("hooks");
        extension.hooks().forEach(h -> hooks.add(h.wireName()));
        return out;
    }

    public static ObjectNode definitions(Definitions definitions) {
        ObjectNode out = JSON.objectNode();
        if (!definitions.transforms().isEmpty()) {
            out.set("transforms", object(definitions.transforms(), ModelTree::transform));
        }
        return out;
    }

    private static ObjectNode transform(TransformSpec spec) {
        ObjectNode out = JSON.objectNode();
        out.put("kind", spec.knownKind() ? spec.kind() : "unknown");
        putText(out, "prefix", spec.prefix());
        putText(out, "suffix", spec.suffix());
        putIfPresent(out, "separators", spec.separators(), ModelTree::strings);
        putText(out, "pattern", spec.pattern());
        putLong(out, "group", spec.group());
        putText(out, "from", spec.from());
        putText(out, "to", spec.to());
        putText(out, "default", spec.defaultValue());
        putIfPresent(out, "steps", spec.steps(), ModelTree::strings);
        return out;
    }

    private static ObjectNode sourceIdentity(SourceIdentity identity) {
        ObjectNode out = JSON.objectNode();
        out.put("canonical", identity.canonical());
        if (!identity.templateVars().isEmpty()) {
            out.set("template_vars", object(identity.templateVars(), v -> {
                ObjectNode var = JSON.objectNode();
                putText(var, "from", v.from());
                putText(var, "transform", v.transform());
                return var;
            }));
        }
        return out;
    }

    private static <T> ObjectNode object(Map<String, T> map, Function<T, JsonNode> value) {
        ObjectNode out = JSON.objectNode();
        SortedMaps.copyOf(map).forEach((k, v) -> out.set(k, value.apply(v)));
        return out;
    }

    private static <T> ArrayNode array(List<T> items, Function<T, JsonNode> value) {
        ArrayNode out = JSON.arrayNode(items.size());
        items.forEach(item -> out.add(value.apply(item)));
        return out;
    }

    private static ArrayNode strings(List<String> items) {
        ArrayNode out = JSON.arrayNode(items.size());
        items.forEach(out::add);
        return out;
    }

    private static <T> void putIfPresent(ObjectNode out, String key, T value, Function<T, JsonNode> render) {
        if (value != null) {
            out.set(key, render.apply(value));
        }
    }

    private static void putText(ObjectNode out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void putLong(ObjectNode out, String key, Long value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void putDouble(ObjectNode out, String key, Double value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static JsonNode unsigned(long value) {
        return value >= 0 ? JSON.numberNode(value) : JSON.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }
}
