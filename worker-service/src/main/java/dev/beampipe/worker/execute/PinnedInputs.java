package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.graph.ConfigGraphs;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.model.Graph;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileFormatException;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.sources.ArchiveMetadata;
import dev.beampipe.model.sources.SourceRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Steps 5–7 of the execute job, read from the database: the pinned project config and deployment profile (snapshot,
 * else the live profile row, else the project default), the dispatch-time readiness re-check of the selected
 * sources and of the combined discovery signature (10-state §2.2), and the pinned archive rows.
 * Every problem is a definite {@link ExecuteFailure}.
 */
public final class PinnedInputs {
    static final String GRAPH_FETCH = "graph_fetch";
    static final String SIGNATURE_CHANGED =
            "source discovery state changed after execution admission; prepare a new execution";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database db;
    private final GraphSource graphSource;

    public PinnedInputs(Database db, GraphSource graphSource) {
        this.db = db;
        this.graphSource = graphSource;
    }

    /** The revision and its bound config; executions without a pinned revision cannot run here. */
    public record PinnedConfig(ConfigRevision revision, ProjectConfig config) {
    }

    public PinnedConfig config(ExecutionFacts facts) {
        if (facts.projectConfigId() == null) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, "execution has no pinned project config revision");
        }
        ConfigRevision revision = new ConfigRevisions(db).byId(facts.projectConfigId())
                .orElseThrow(() -> new ExecuteFailure(FailureClass.CONFIGURATION,
                        "pinned project config revision " + facts.projectConfigId() + " does not exist"));
        try {
            return new PinnedConfig(revision, ConfigBinder.bind(revision.spec()));
        } catch (BindingException e) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, "pinned project config revision " + revision.version()
                    + " no longer binds: " + e.getMessage(), e);
        }
    }

    public DeploymentProfile profile(ExecutionFacts facts) {
        ProfileStore store = new ProfileStore(db, StableJson::sha256);
        try {
            if (facts.profileSnapshot() != null) {
                JsonObject spec = facts.profileSnapshot().copy();
                spec.remove("id");
                spec.remove("revision");
                spec.remove("spec_sha256");
                return ProfileBinder.bind(MAPPER.readTree(spec.encode()));
            }
        } catch (ProfileFormatException | IOException e) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, "pinned deployment profile snapshot is unreadable: "
                    + e.getMessage(), e);
        }
        if (facts.deploymentProfileId() != null) {
            return store.get(facts.deploymentProfileId()).map(p -> p.profile())
                    .orElseThrow(() -> new ExecuteFailure(FailureClass.CONFIGURATION,
                            "pinned deployment profile " + facts.deploymentProfileId() + " does not exist"));
        }
        return store.defaultFor(facts.projectModule()).map(p -> p.profile())
                .orElseThrow(() -> new ExecuteFailure(FailureClass.CONFIGURATION,
                        "execution pins no deployment profile and project " + facts.projectModule() + " has no default"));
    }

    /** The logical graph the revision pins: its stored bytes, else resolved from the config's url/path. */
    public Supplier<JsonNode> graph(PinnedConfig pinned) {
        return graph(pinned, null);
    }

    /**
     * As {@link #graph(PinnedConfig)}; with a {@code dryRun} recorder (decision 14: nothing leaves the process) a
     * {@code graph.url} is not fetched when the revision has no stored graph bytes: the GET is recorded as a
     * {@code dry_run_request} (stage {@code graph_fetch}) and the execution fails clearly. A local
     * {@code graph.path} is still read.
     */
    public Supplier<JsonNode> graph(PinnedConfig pinned, DryRunRecorder dryRun) {
        return () -> {
            Optional<ConfigGraphs.StoredGraph> stored = new ConfigGraphs(db).forRevision(pinned.revision().id());
            if (stored.isPresent()) {
                try {
                    return MAPPER.readTree(stored.get().bytes());
                } catch (IOException e) {
                    throw new ExecuteFailure(FailureClass.CONFIGURATION, "graph contains invalid JSON: " + e.getMessage(), e);
                }
            }
            Graph graph = pinned.config().graph();
            if (dryRun != null && graph != null && graph.url() != null && !graph.url().isBlank()) {
                dryRun.record(GRAPH_FETCH, new JsonObject().put("schema", DryRunRecorder.SCHEMA).put("method", "GET")
                        .put("url", graph.url()).put("expected_sha256", graph.sha256()).put("sent", false));
                throw new ExecuteFailure(FailureClass.CONFIGURATION, "pinned project config revision "
                        + pinned.revision().version() + " has no stored graph bytes and its graph.url " + graph.url()
                        + " is not fetched in a dry run (nothing leaves the process); store the graph with the "
                        + "revision or run with real backends");
            }
            return graphSource.load(graph).json();
        };
    }

    /** Steps 6 and 7: readiness, combined signature, then exactly the pinned rows. */
    public PinnedScope.Selected selection(ExecutionFacts facts) {
        List<SourceSelection> selections = selections(facts.sources());
        SourceRegistry registry = new SourceRegistry(db);
        return db.inTransaction(sql -> {
            for (SourceSelection s : selections) {
                registry.readinessError(sql, facts.projectModule(), s.sourceIdentifier(), s.sbids())
                        .ifPresent(error -> {
                            throw new ExecuteFailure(FailureClass.VALIDATION, error);
                        });
            }
            // §2.2 compares unconditionally: a NULL pinned signature with signed sources has changed too. At dispatch
            // only the sources that have a signature take part (§4.5).
            Map<String, String> signatures = new LinkedHashMap<>();
            for (SourceSelection s : selections) {
                String signature = signature(sql, facts.projectModule(), s.sourceIdentifier());
                if (signature != null) {
                    signatures.put(s.sourceIdentifier(), signature);
                }
            }
            String now = ExecutionSignature.combined(signatures).orElse(null);
            if (!java.util.Objects.equals(facts.discoverySignature(), now)) {
                throw new ExecuteFailure(FailureClass.VALIDATION, SIGNATURE_CHANGED);
            }
            Map<String, List<dev.beampipe.model.sources.MetadataRow>> rows = new LinkedHashMap<>();
            for (SourceSelection s : selections) {
                rows.put(s.sourceIdentifier(), registry.metadata(sql, facts.projectModule(), s.sourceIdentifier()).stream()
                        .map(ArchiveMetadata::readiness).toList());
            }
            try {
                return PinnedScope.select(selections, rows);
            } catch (ScopeException e) {
                throw new ExecuteFailure(FailureClass.VALIDATION, e.getMessage(), e);
            }
        });
    }

    /** The {@code sources} document: {@code [{"source_identifier": …, "sbids": [...]?}]}. */
    static List<SourceSelection> selections(JsonArray sources) {
        List<SourceSelection> out = new ArrayList<>();
        for (Object item : sources) {
            if (!(item instanceof JsonObject o) || !(o.getValue("source_identifier") instanceof String sid) || sid.isBlank()) {
                throw new ExecuteFailure(FailureClass.VALIDATION, "execution sources must be objects with a source_identifier");
            }
            List<String> sbids = null;
            Object raw = o.getValue("sbids");
            if (raw instanceof JsonArray a) {
                sbids = new ArrayList<>();
                for (Object sbid : a) {
                    sbids.add(String.valueOf(sbid));
                }
            } else if (raw != null) {
                throw new ExecuteFailure(FailureClass.VALIDATION, "execution source " + sid + " has a non-array sbids");
            }
            out.add(new SourceSelection(sid, sbids));
        }
        return out;
    }

    private static String signature(Sql sql, String module, String sid) {
        return sql.first("SELECT discovery_signature FROM source_registry WHERE project_module = $1 AND source_identifier = $2",
                r -> r.getString(0), module, sid).orElse(null);
    }

}
