package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.graph.GraphLoadException;
import dev.beampipe.model.config.manifest.ManifestBuilder;
import dev.beampipe.model.config.manifest.ManifestException;
import dev.beampipe.model.config.manifest.ManifestInput;
import dev.beampipe.model.config.manifest.ManifestSection;
import dev.beampipe.model.config.manifest.StagingContext;
import dev.beampipe.model.config.model.Extension;
import dev.beampipe.model.config.model.GraphPatch;
import dev.beampipe.model.config.model.Manifest;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.patch.GraphPatchException;
import dev.beampipe.model.config.patch.GraphPatchSpec;
import dev.beampipe.model.config.patch.GraphPreparer;
import dev.beampipe.model.config.patch.ProjectGraphPatches;
import dev.beampipe.model.ledger.state.FailureClass;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Steps 12–13 of the execute job (30-project-config §3.9–§3.10, §3.14; 40-backends §6.3–§6.4): build the manifest
 * from the staged records, validate it against the expected scope, apply the WASM {@code manifest} hook, the
 * project {@code graph_patches} and the WASM {@code graph_patches} hook, validate again, then embed the manifest in
 * the pinned logical graph and apply its overrides.
 *
 * <p>The graph configuration id is derived from the execution id and the manifest digest, and the embedded
 * timestamp is the execution's creation time, so a re-run of the same execution produces the same patched graph
 * (the reference used a random id and the wall clock). WASM hooks: this worker has no WebAssembly runtime; a
 * pinned config whose {@code manifest}/{@code graph_patches} hook module is stored fails the execution with a
 * clear error rather than silently running without the hook; a module that is not stored is skipped, as in the
 * reference.
 */
public final class ManifestStep {
    private static final Logger LOG = Logger.getLogger(ManifestStep.class);

    /** Whether the project's active revision has the module with this SHA-256 stored. */
    @FunctionalInterface
    public interface WasmLookup {
        boolean stored(String projectId, String wasmSha256);
    }

    private final WasmLookup wasm;

    public ManifestStep(WasmLookup wasm) {
        this.wasm = wasm;
    }

    /**
     * @param config      the pinned project config
     * @param sourceGraph resolves the pinned logical graph (stored bytes, else the config's url/path)
     */
    public PreparedRun prepare(UUID executionId, long createdEpochSeconds, String projectModule, ProjectConfig config,
                               Supplier<JsonNode> sourceGraph, List<ObjectNode> stagedRecords, DatasetScope expected) {
        try {
            ObjectNode manifest = buildManifest(projectModule, config, stagedRecords, expected);
            JsonNode graph = sourceGraph.get();
            String configId = UUID.nameUUIDFromBytes((executionId + ":" + StableJson.sha256(manifest))
                    .getBytes(StandardCharsets.UTF_8)).toString();
            GraphPreparer preparer = new GraphPreparer();
            GraphPreparer.Injection injection = preparer.injectManifest(graph, manifest, configId, createdEpochSeconds);
            if (!injection.injected()) {
                LOG.warnf("event=execute_manifest_not_injected execution_id=%s reason=\"the graph has no %s node with a %s field\"",
                        executionId, GraphPreparer.INGEST_NODE, GraphPreparer.MANIFEST_FIELD);
            }
            JsonNode patched = preparer.applyOverrides(injection.graph(), manifest);
            String path = config.manifest() == null || config.manifest().path() == null
                    ? Manifest.DEFAULT_PATH : config.manifest().path();
            return new PreparedRun(manifest, graph, patched, injection.injected(), injection.injected() ? configId : null, path);
        } catch (ManifestException | GraphPatchException | ScopeException e) {
            throw new ExecuteFailure(FailureClass.VALIDATION, e.getMessage(), e);
        } catch (GraphLoadException e) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, e.getMessage(), e);
        }
    }

    /** Builder, validation, hooks and project patches, validation again. */
    ObjectNode buildManifest(String projectModule, ProjectConfig config, List<ObjectNode> stagedRecords, DatasetScope expected) {
        List<JsonNode> records = new ArrayList<>(stagedRecords);
        ManifestInput input = new ManifestInput(records, StagingContext.fromRecords(records), Set.of());
        ObjectNode manifest = new ManifestBuilder().build(section(config.manifest()), input);
        PinnedScope.requireSame(expected, PinnedScope.ofManifest(manifest), "workflow manifest");
        refuseStoredHook(projectModule, config, Extension.Hook.MANIFEST);
        manifest = ProjectGraphPatches.apply(manifest, patches(config.graphPatches()));
        refuseStoredHook(projectModule, config, Extension.Hook.GRAPH_PATCHES);
        PinnedScope.requireSame(expected, PinnedScope.ofManifest(manifest), "workflow manifest");
        return manifest;
    }

    private void refuseStoredHook(String projectId, ProjectConfig config, Extension.Hook hook) {
        Extension extension = config.extension();
        if (extension == null || extension.wasmSha256() == null || !extension.hooks().contains(hook)) {
            return;
        }
        if (wasm.stored(projectId, extension.wasmSha256())) {
            throw new ExecuteFailure(FailureClass.UNSUPPORTED, "WASM " + hook.wireName() + " hook of module "
                    + extension.wasmSha256() + " cannot run: this worker has no WebAssembly runtime");
        }
    }

    static Optional<ManifestSection> section(Manifest m) {
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(new ManifestSection(m.groupBy(), object(m.sourceTemplate()),
                m.datasetTemplate() == null ? null : object(m.datasetTemplate()), m.expandFrom()));
    }

    static List<GraphPatchSpec> patches(List<GraphPatch> patches) {
        return patches.stream().map(p -> new GraphPatchSpec(p.match().kind().wireName(), p.match().equals(), p.set())).toList();
    }

    private static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        fields.forEach(node::set);
        return node;
    }
}
