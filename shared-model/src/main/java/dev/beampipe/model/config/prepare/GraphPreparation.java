package dev.beampipe.model.config.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.graph.ConfigGraphs;
import dev.beampipe.model.config.graph.GraphLoadException;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.manifest.ManifestBuilder;
import dev.beampipe.model.config.manifest.ManifestException;
import dev.beampipe.model.config.manifest.ManifestInput;
import dev.beampipe.model.config.manifest.ManifestSection;
import dev.beampipe.model.config.model.GraphPatch;
import dev.beampipe.model.config.model.Manifest;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.patch.GraphPatchException;
import dev.beampipe.model.config.patch.GraphPatchSpec;
import dev.beampipe.model.config.patch.GraphPreparer;
import dev.beampipe.model.config.patch.ProjectGraphPatches;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The graph preview of {@code POST /graphs/prepare} (20-api §2.4) and {@code beampipe graph prepare}: from the module's active config revision and the
 * stored archive metadata of the selected sources, the manifest (30-project-config §3.9), the project graph
 * patches (§3.10), the revision's pinned graph and its prepared copy (40-backends §6.4). Nothing is written.
 * The graph configuration id and timestamp are derived from the inputs, so equal inputs give equal digests.
 */
public final class GraphPreparation {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Database db;
    private final ConfigRevisions revisions;
    private final ConfigGraphs graphs;
    private final GraphSource graphSource;

    public GraphPreparation(Database db, GraphSource graphSource) {
        this.db = db;
        this.revisions = new ConfigRevisions(db);
        this.graphs = new ConfigGraphs(db);
        this.graphSource = graphSource;
    }

    /**
     * The prepared documents and their digests; the three documents are redacted. Nothing is written.
     *
     * @throws GraphPreparationException for a blank module, no sources, or a config/manifest/graph error
     */
    public PreparedGraph prepare(String projectModule, List<String> sourceIdentifiers) {
        String module = projectModule.trim();
        if (module.isEmpty()) {
            throw new GraphPreparationException("project_module is required");
        }
        if (sourceIdentifiers.isEmpty()) {
            throw new GraphPreparationException("source_identifiers must not be empty");
        }
        ConfigRevision revision = revisions.active(module)
                .orElseThrow(() -> new GraphPreparationException("project '" + module + "' has no active project config"));
        ProjectConfig config;
        try {
            config = ConfigBinder.bind(revision.spec());
        } catch (BindingException e) {
            throw new GraphPreparationException(e.getMessage());
        }
        ValidationReport report = ProjectConfigValidation.validate(config, SpecHasher.canonical(), null);
        if (!report.valid()) {
            throw new GraphPreparationException("project config validation failed");
        }
        try {
            ObjectNode manifest = new ManifestBuilder().build(section(config.manifest()), ManifestInput.of(records(module,
                    sourceIdentifiers)));
            manifest = ProjectGraphPatches.apply(manifest, patches(config.graphPatches()));
            JsonNode sourceGraph = sourceGraph(revision, config);
            String manifestSha = StableJson.sha256(manifest);
            String sourceSha = StableJson.sha256(sourceGraph);
            String configId = UUID.nameUUIDFromBytes((manifestSha + ":" + sourceSha).getBytes(StandardCharsets.UTF_8)).toString();
            long epoch = revision.uploadedAt() == null ? 0 : revision.uploadedAt().toEpochSecond();
            GraphPreparer preparer = new GraphPreparer();
            GraphPreparer.Injection injection = preparer.injectManifest(sourceGraph, manifest, configId, epoch);
            JsonNode patched = preparer.applyOverrides(injection.graph(), manifest);
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            summary.put("manifest_injected", injection.injected());
            summary.put("graph_config_id", injection.injected() ? configId : null);
            summary.put("project_graph_patches", config.graphPatches().size());
            summary.set("graph_overrides", manifest.path("graph_overrides").deepCopy());
            return new PreparedGraph(projectModule, List.copyOf(sourceIdentifiers), revision.id(),
                    revision.version(), revision.specSha256(), manifestSha, sourceSha, StableJson.sha256(patched),
                    Redaction.value(summary), Redaction.value(manifest), Redaction.value(sourceGraph), Redaction.value(patched));
        } catch (ManifestException | GraphPatchException | GraphLoadException e) {
            throw new GraphPreparationException(e.getMessage());
        }
    }

    /** Every stored dataset record of the selected sources, source and SBID in byte order. */
    private List<JsonNode> records(String module, List<String> sources) {
        List<JsonNode> out = new ArrayList<>();
        for (Object metadata : db.sql().list("SELECT metadata_json FROM archive_metadata WHERE project_module = $1 "
                        + "AND source_identifier = ANY($2::text[]) ORDER BY source_identifier COLLATE \"C\", sbid COLLATE \"C\"",
                r -> r.getValue(0), module, sources.toArray(String[]::new))) {
            if (metadata instanceof JsonObject o && o.getValue("datasets") instanceof io.vertx.core.json.JsonArray datasets) {
                for (Object d : datasets) {
                    out.add(tree(d instanceof JsonObject j ? j.encode() : io.vertx.core.json.Json.encode(d)));
                }
            }
        }
        return out;
    }

    private JsonNode sourceGraph(ConfigRevision revision, ProjectConfig config) {
        Optional<ConfigGraphs.StoredGraph> stored = graphs.forRevision(revision.id());
        if (stored.isPresent()) {
            return tree(new String(stored.get().bytes(), StandardCharsets.UTF_8));
        }
        if (config.graph() == null) {
            throw new GraphPreparationException("project config has no graph.url or graph.path");
        }
        return graphSource.load(config.graph()).json();
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

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new GraphPreparationException("graph contains invalid JSON: " + e.getMessage());
        }
    }
}
