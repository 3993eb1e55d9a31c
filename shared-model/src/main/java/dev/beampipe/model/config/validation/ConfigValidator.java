package dev.beampipe.model.config.validation;

import dev.beampipe.model.text.UnicodeText;
import static dev.beampipe.model.text.UnicodeText.isBlank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.config.transform.TransformCycles;
import dev.beampipe.model.config.model.DiscoveryAutomation;
import dev.beampipe.model.config.model.DiscoveryQuery;
import dev.beampipe.model.config.model.ExecutionAutomation;
import dev.beampipe.model.config.model.Extension;
import dev.beampipe.model.config.model.Graph;
import dev.beampipe.model.config.model.GraphPatch;
import dev.beampipe.model.config.model.GraphPatchMatch;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.model.SourceIdentity;
import dev.beampipe.model.config.model.TemplateVar;
import dev.beampipe.model.config.transform.TransformRef;
import dev.beampipe.model.config.transform.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The collecting semantic validation of 30-project-config §5.2, in emission order, plus our additions:
 * {@code metadata.id} over 80 characters ({@code invalid_limit}, §10) and cyclic transform chains
 * ({@code transform_chain_cycle}, decision 18). {@link #warnings} holds the validator's own warning
 * ({@code signature_defaults_drop_flags}, §10); revision-comparison warnings are {@link RevisionWarnings}.
 */
public final class ConfigValidator {

    public static final int MAX_PROJECT_ID_LENGTH = 80;
    public static final String CHAIN_CYCLE = "transform_chain_cycle";
    public static final String SIGNATURE_DEFAULTS_DROP_FLAGS = "signature_defaults_drop_flags";

    private final ProjectConfig config;
    private final Map<String, TransformSpec> transforms;
    private final List<Diagnostic> errors = new ArrayList<>();

    private ConfigValidator(ProjectConfig config) {
        this.config = config;
        this.transforms = config.transforms();
    }

    public static List<Diagnostic> errors(ProjectConfig config) {
        ConfigValidator validator = new ConfigValidator(config);
        validator.run();
        return List.copyOf(validator.errors);
    }

    public static List<Diagnostic> warnings(ProjectConfig config) {
        PrepareMetadata prepare = config.discovery().prepareMetadata();
        if (prepare != null && !prepare.discoveryFlags().isEmpty() && prepare.signature() == null) {
            return List.of(Diagnostic.warning("discovery.prepare_metadata.signature", SIGNATURE_DEFAULTS_DROP_FLAGS,
                    "discovery_flags are configured but signature is absent, so the flags are neither stored nor "
                            + "hashed; add signature: {} to include them"));
        }
        return List.of();
    }

    private void run() {
        header();
        adapters(config.adapters());
        if (config.automation().discovery() != null) {
            discoveryAutomation(config.automation().discovery());
        }
        if (config.automation().execution() != null) {
            executionAutomation(config.automation().execution());
        }
        if (!OutputVerification.INVENTORY_SCHEMA_V1.equals(config.outputVerification().inventorySchema())) {
            error("output_verification.inventory_schema", "unsupported_output_inventory_schema",
                    "output_verification.inventory_schema must be " + OutputVerification.INVENTORY_SCHEMA_V1);
        }
        if (config.graph() != null) {
            graph(config.graph());
        }
        queryFields("queries", config.discovery().queries());
        queryFields("enrichments", config.discovery().enrichments());
        if (config.sourceIdentity() != null) {
            sourceIdentityNames(config.sourceIdentity());
        }
        if (config.extension() != null) {
            hooks(config.extension());
        }
        transformReferences();
        definitions();
        chainCycles();
        graphPatches();
        signatureExcludes();
    }

    private void header() {
        if (!ProjectConfig.API_VERSION.equals(config.apiVersion())) {
            String hint = ProjectConfig.LEGACY_API_VERSION.equals(config.apiVersion())
                    ? "v1 project configs are legacy; convert the document to the v2 typed shape before upload"
                    : null;
            errors.add(Diagnostic.error("apiVersion", "legacy_api_version", "apiVersion must be beampipe.dev/v2", hint));
        }
        if (!ProjectConfig.KIND.equals(config.kind())) {
            error("kind", "invalid_kind", "kind must be ProjectConfig");
        }
        String id = config.metadata().id();
        if (isBlank(id)) {
            error("metadata.id", "required", "metadata.id is required");
        } else if (id.codePointCount(0, id.length()) > MAX_PROJECT_ID_LENGTH) {
            error("metadata.id", "invalid_limit", "metadata.id must be at most " + MAX_PROJECT_ID_LENGTH + " characters");
        }
    }

    private void adapters(Adapters adapters) {
        if (adapters.required().isEmpty()) {
            error("adapters.required", "required", "adapters.required must include at least one adapter");
        }
        for (int i = 0; i < adapters.required().size(); i++) {
            if (isBlank(adapters.required().get(i))) {
                error("adapters.required[" + i + "]", "required", "adapter identifiers must be non-empty");
            }
        }
        if (adapters.tap().timeoutSeconds() == 0) {
            error("adapters.tap.timeout_seconds", "invalid_limit", "adapters.tap.timeout_seconds must be > 0");
        }
    }

    private void discoveryAutomation(DiscoveryAutomation d) {
        positive("automation.discovery.batch_size", d.batchSize());
        positive("automation.discovery.tick_discovery_source_limit", d.tickDiscoverySourceLimit());
        positive("automation.discovery.stale_after_hours", d.staleAfterHours());
        positive("automation.discovery.claim_ttl_minutes", d.claimTtlMinutes());
        positiveWhenSet("automation.discovery.queue_max_depth", d.queueMaxDepth());
        positiveWhenSet("automation.discovery.tick_discovery_batch_limit", d.tickDiscoveryBatchLimit());
        positiveWhenSet("automation.discovery.concurrent_discovery_batch_limit", d.concurrentDiscoveryBatchLimit());
    }

    private void executionAutomation(ExecutionAutomation e) {
        positive("automation.execution.max_sources_per_execution", e.maxSourcesPerExecution());
        positive("automation.execution.tick_execution_run_limit", e.tickExecutionRunLimit());
        positive("automation.execution.tick_execution_source_limit", e.tickExecutionSourceLimit());
        positive("automation.execution.min_sources_to_trigger", e.minSourcesToTrigger());
        positive("automation.execution.max_wait_minutes", e.maxWaitMinutes());
        positive("automation.execution.claim_ttl_minutes", e.claimTtlMinutes());
        positiveWhenSet("automation.execution.concurrent_execution_run_limit", e.concurrentExecutionRunLimit());
        positiveWhenSet("automation.execution.execution_slurm_remote_poll_max_rounds",
                e.executionSlurmRemotePollMaxRounds());
        positiveWhenSet("automation.execution.execution_rest_remote_poll_max_rounds",
                e.executionRestRemotePollMaxRounds());
        interval("automation.execution.execution_rest_remote_poll_interval_seconds",
                e.executionRestRemotePollIntervalSeconds());
        interval("automation.execution.execution_slurm_remote_poll_interval_seconds",
                e.executionSlurmRemotePollIntervalSeconds());
    }

    private void positive(String path, long value) {
        if (value <= 0) {
            error(path, "invalid_limit", path + " must be > 0");
        }
    }

    private void positiveWhenSet(String path, Long value) {
        if (value != null && value <= 0) {
            error(path, "invalid_limit", path + " must be > 0 when set");
        }
    }

    private void interval(String path, Double value) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            error(path, "invalid_limit", path + " must be finite and > 0 when set");
        }
    }

    private void graph(Graph graph) {
        int set = (graph.url() != null ? 1 : 0) + (graph.path() != null ? 1 : 0);
        if (set != 1) {
            error("graph", "mutually_exclusive", "graph must use exactly one of url or path");
        }
        if (graph.url() != null && isBlank(graph.url())) {
            error("graph.url", "required", "graph.url must be non-empty when set");
        }
        if (graph.path() != null && isBlank(graph.path())) {
            error("graph.path", "required", "graph.path must be non-empty when set");
        }
        if (graph.sha256() == null) {
            error("graph.sha256", "required", "graph.sha256 is required to pin graph content");
        } else if (!isSha256(graph.sha256())) {
            error("graph.sha256", "invalid_sha256", "graph.sha256 must contain exactly 64 hexadecimal characters");
        }
    }

    static boolean isSha256(String text) {
        return text.length() == 64 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
                || c >= 'A' && c <= 'F');
    }

    private void queryFields(String list, List<DiscoveryQuery> queries) {
        for (int i = 0; i < queries.size(); i++) {
            DiscoveryQuery query = queries.get(i);
            String base = "discovery." + list + "[" + i + "].";
            requireText(base + "name", query.name(), "discovery " + list + " name must be non-empty");
            requireText(base + "adapter", query.adapter(), "discovery " + list + " adapter must be non-empty");
            requireText(base + "template", query.template(), "discovery " + list + " template must be non-empty");
        }
    }

    private void requireText(String path, String value, String message) {
        if (isBlank(value)) {
            error(path, "required", message);
        }
    }

    private void sourceIdentityNames(SourceIdentity identity) {
        if (isBlank(identity.canonical())) {
            error("source_identity.canonical", "required", "source_identity.canonical must be non-empty");
        }
        for (String name : identity.templateVars().keySet()) {
            if (isBlank(name)) {
                error("source_identity.template_vars", "required", "template variable names must be non-empty");
            }
        }
    }

    private void hooks(Extension extension) {
        for (int i = 0; i < extension.hooks().size(); i++) {
            if (extension.hooks().get(i) == Extension.Hook.UNKNOWN) {
                errors.add(Diagnostic.error("extension.hooks[" + i + "]", "unknown_extension_hook",
                        "extension.hooks contains an unknown hook",
                        "allowed hooks are prepare_metadata, manifest, and graph_patches"));
            }
        }
    }

    private void transformReferences() {
        if (config.sourceIdentity() != null) {
            for (Map.Entry<String, TemplateVar> var : config.sourceIdentity().templateVars().entrySet()) {
                knownTransform("source_identity.template_vars." + var.getKey() + ".transform", var.getValue().transform());
            }
        }
        List<DiscoveryQuery> queries = config.discovery().queries();
        for (int i = 0; i < queries.size(); i++) {
            knownTransform("discovery.queries[" + i + "].source_id_transform", queries.get(i).sourceIdTransform());
        }
        PrepareMetadata prepare = config.discovery().prepareMetadata();
        if (prepare != null) {
            mappings("field_map", prepare.fieldMap());
            mappings("discovery_flags", prepare.discoveryFlags());
        }
    }

    private void mappings(String section, Map<String, MappingSpec> entries) {
        for (Map.Entry<String, MappingSpec> entry : entries.entrySet()) {
            String base = "discovery.prepare_metadata." + section + "." + entry.getKey();
            MappingSpec mapping = entry.getValue();
            if (isBlank(mapping.from())) {
                error(base + ".from", "required", section + " entries require from");
            }
            TransformRef ref = mapping.transform();
            if (ref == null) {
                continue;
            }
            if (!ref.inlineList()) {
                knownTransform(base + ".transform", ref.names().get(0));
            } else if (ref.names().isEmpty()) {
                error(base + ".transform", "empty_transform_chain", "transform chain must include at least one step");
            } else {
                for (int j = 0; j < ref.names().size(); j++) {
                    knownTransform(base + ".transform[" + j + "]", ref.names().get(j));
                }
            }
        }
    }

    private void knownTransform(String path, String name) {
        if (name != null && !transforms.containsKey(name)) {
            error(path, "unknown_transform", "unknown transform '" + name + "'");
        }
    }

    private void definitions() {
        for (Map.Entry<String, TransformSpec> entry : transforms.entrySet()) {
            definition("definitions.transforms." + entry.getKey() + ".", entry.getValue());
        }
    }

    private void definition(String base, TransformSpec spec) {
        String kind = spec.kind();
        if (!spec.knownKind()) {
            error(base + "kind", "unknown_transform_kind", "transform has an unknown kind");
        }
        if (("strip_prefix".equals(kind) || "add_prefix".equals(kind)) && isEmpty(spec.prefix())) {
            error(base + "prefix", "required", kind + " requires prefix");
        }
        if ("add_suffix".equals(kind) && isEmpty(spec.suffix())) {
            error(base + "suffix", "required", "add_suffix requires suffix");
        }
        if ("replace".equals(kind) && isEmpty(spec.from())) {
            error(base + "from", "required", "replace requires from");
        }
        if ("default_if_empty".equals(kind) && isEmpty(spec.defaultValue())) {
            error(base + "default", "required", "default_if_empty requires default");
        }
        if ("split_last".equals(kind) && (spec.separators() == null || spec.separators().isEmpty())) {
            error(base + "separators", "required", "split_last requires at least one separator");
        }
        if (spec.separators() != null) {
            for (int j = 0; j < spec.separators().size(); j++) {
                if (spec.separators().get(j).isEmpty()) {
                    error(base + "separators[" + j + "]", "required", "transform separators must be non-empty");
                }
            }
        }
        if ("regex_extract".equals(kind) && isEmpty(spec.pattern())) {
            error(base + "pattern", "required", "regex_extract requires pattern");
        }
        if ("chain".equals(kind)) {
            if (spec.steps() == null) {
                error(base + "steps", "required", "chain requires steps");
                return;
            }
            if (spec.steps().isEmpty()) {
                error(base + "steps", "required", "chain requires steps");
            }
            for (int j = 0; j < spec.steps().size(); j++) {
                knownTransform(base + "steps[" + j + "]", spec.steps().get(j));
            }
        }
    }

    /** Transform parameters only reject {@code ""} (not trimmed), §9.5. */
    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private void chainCycles() {
        for (String name : transforms.keySet()) {
            TransformCycles.loopThrough(name, transforms).ifPresent(cycle -> error("definitions.transforms." + name + ".steps",
                    CHAIN_CYCLE, "transform chain refers back to itself: " + String.join(" -> ", cycle)));
        }
    }

    private void graphPatches() {
        List<GraphPatch> patches = config.graphPatches();
        for (int i = 0; i < patches.size(); i++) {
            GraphPatch patch = patches.get(i);
            String base = "graph_patches[" + i + "]";
            if (patch.match().kind() != GraphPatchMatch.MatchKind.NODE_NAME) {
                errors.add(Diagnostic.error(base + ".match.kind", "unknown_graph_patch_match_kind",
                        "graph patch match kind is unknown", "allowed match kind is node_name"));
            }
            if (isBlank(patch.match().equals())) {
                error(base + ".match.equals", "required", "graph patch match equals must be non-empty");
            }
            if (patch.set().isEmpty()) {
                error(base + ".set", "required", "graph patch set must include at least one field");
            }
            for (Map.Entry<String, JsonNode> field : patch.set().entrySet()) {
                if (isBlank(field.getKey())) {
                    error(base + ".set", "required", "graph patch set field names must be non-empty");
                }
                if (field.getValue().isTextual() && !isExpressionShape(field.getValue().textValue())) {
                    error(base + ".set." + field.getKey(), "invalid_expression",
                            "graph patch expressions must use existing $count(...) or $sum(...) forms");
                }
            }
        }
    }

    /** Only strings starting with {@code $} are expressions; they are checked by prefix and suffix alone. */
    static boolean isExpressionShape(String value) {
        if (!value.startsWith("$")) {
            return true;
        }
        return (value.startsWith("$count(") || value.startsWith("$sum(")) && value.endsWith(")");
    }

    private void signatureExcludes() {
        PrepareMetadata prepare = config.discovery().prepareMetadata();
        if (prepare == null || prepare.signature() == null) {
            return;
        }
        List<String> excluded = prepare.signature().excludeFields();
        for (int i = 0; i < excluded.size(); i++) {
            if (isBlank(excluded.get(i))) {
                error("discovery.prepare_metadata.signature.exclude_fields[" + i + "]", "required",
                        "signature exclude fields must be non-empty");
            }
        }
    }

    private void error(String path, String code, String message) {
        errors.add(Diagnostic.error(path, code, message));
    }
}
