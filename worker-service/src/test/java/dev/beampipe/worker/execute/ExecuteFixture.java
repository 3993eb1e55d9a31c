package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.graph.LoadedGraph;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.ExecutionCreator;
import dev.beampipe.model.ledger.NewExecution;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobContexts;
import dev.beampipe.worker.staging.CasdaStagingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One project on a fresh module: the example config revision with its graph bytes, a REST profile pointing at the
 * DALiuGE simulators (or a given deployment, e.g. Slurm), registered sources with archive metadata, executions admitted
 * with their execute job. Public for the Slurm scenarios ({@code worker.slurm}).
 */
public final class ExecuteFixture {
    final Database db;
    final DaliugeSimulator sim;
    public final String module = "hp" + UUID.randomUUID().toString().substring(0, 8);
    final ProjectConfig config;
    final ConfigRevision revision;
    public final StoredProfile profile;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    ExecuteFixture(Database db, DaliugeSimulator sim) throws Exception {
        this(db, sim, ExampleProject.deployment(sim));
    }

    /** With the profile's deployment {@code deployment} (its translation points at the simulators' TM). */
    public ExecuteFixture(Database db, DaliugeSimulator sim, dev.beampipe.model.profile.Deployment deployment)
            throws Exception {
        this.db = db;
        this.sim = sim;
        ParseResult.Parsed parsed = (ParseResult.Parsed) ProjectConfigValidation.parse(Files.readAllBytes(ExampleProject.configPath()));
        this.config = parsed.config();
        byte[] graph = Files.readAllBytes(ExampleProject.graphPath());
        LoadedGraph loaded = new LoadedGraph(graph, Sha256.hex(graph), ExampleProject.graphPath().toString(), ExampleProject.graph());
        this.revision = new ConfigRevisions(db).upload(module, ModelTree.toJson(config), "b".repeat(64), "system:test",
                Optional.of(loaded));
        this.profile = new ProfileStore(db, StableJson::sha256).create(new DeploymentProfile("p-" + module, null, module,
                false, null, ExampleProject.translation(sim), deployment));
    }

    /** A ready source with {@code datasets} datasets per SBID. */
    public void source(String sid, int datasets, String... sbids) {
        java.util.LinkedHashMap<String, List<ObjectNode>> bySbid = new java.util.LinkedHashMap<>();
        for (String sbid : sbids) {
            List<ObjectNode> list = new java.util.ArrayList<>();
            for (int i = 0; i < datasets; i++) {
                list.add(record(sid, sbid, i));
            }
            bySbid.put(sbid, list);
        }
        source(sid, bySbid);
    }

    /** A ready source with these dataset records per SBID. */
    void source(String sid, Map<String, List<ObjectNode>> bySbid) {
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, last_checked_at, "
                + "discovery_signature) VALUES ($1, $2, $3, true, now(), $4)", Uuid7.next(), module, sid,
                Sha256.hex((module + sid).getBytes()));
        bySbid.forEach((sbid, records) -> {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            records.forEach(list::add);
            ObjectNode metadata = JsonNodeFactory.instance.objectNode();
            metadata.set("datasets", list);
            db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                    + "VALUES ($1, $2, $3, $4, $5)", Uuid7.next(), module, sid, sbid, new JsonObject(metadata.toString()));
        });
    }

    static ObjectNode record(String sid, String sbid, int beam) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        String file = sid + "_SB" + sbid + "_beam" + String.format("%02d", beam) + ".ms.tar";
        r.put("source_identifier", sid);
        r.put("sbid", sbid);
        r.put("dataset_id", file);
        r.put("visibility_filename", file);
        r.put("obs_publisher_did", "scan-" + sbid + "-" + beam);
        r.put("access_url", "https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=scan-" + sbid + "-" + beam);
        r.put("evaluation_file", "calibration-metadata-processing-logs-SB" + sbid + "_x.tar");
        r.put("evaluation_file_access_url", "https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=eval-" + sbid);
        return r;
    }

    /** An admitted execution (archive {@code archive}) and its queued execute job with {@code payload} merged in. */
    public Admitted admit(String archive, JsonObject payload, String... sources) {
        List<SourceSelection> selections = java.util.Arrays.stream(sources).map(s -> new SourceSelection(s, null)).toList();
        UUID id = db.inTransaction(sql -> new ExecutionCreator(new JobQueue(db)).create(sql, new NewExecution(module,
                selections, archive, profile, revision.id(), config.outputVerification(), null, null, null, "corr-" + module,
                new NewExecution.Automation(new JsonObject().put("policy_decision", "admitted"), "default", payload))));
        Job job = new JobQueue(db).findByKey("execute:" + id).orElseThrow();
        return new Admitted(id, job);
    }

    public record Admitted(UUID id, Job job) {
        public JobContext context() {
            return JobContexts.of(job);
        }
    }

    ExecuteHandler handler(Map<String, String> env, Optional<CasdaCredentials> credentials, CasdaStagingSettings staging) {
        return handler(env, credentials, staging, new LedgerExecutePort(db), Clock.systemUTC());
    }

    /** With another ledger port (e.g. one that runs something in between) and the worker's clock. */
    ExecuteHandler handler(Map<String, String> env, Optional<CasdaCredentials> credentials, CasdaStagingSettings staging,
                           ExecuteLedgerPort ledger, Clock clock) {
        return new ExecuteHandler(new ExecuteHandler.Dependencies(db,
                new PinnedInputs(db, new GraphSource(ExampleProject.root())), ledger,
                new StagingStep(credentials, staging), new ManifestStep((p, s) -> false),
                new RestDaliugeBackend(clock), new EnvValues(env), clock, new ExecuteMetrics(meters)));
    }

    ExecuteHandler handler(Map<String, String> env, ExecuteLedgerPort ledger) {
        return handler(env, Optional.empty(), CasdaStagingSettings.defaults(), ledger, Clock.systemUTC());
    }

    /**
     * The real ledger port, except that the first call of {@code method} runs {@code before} first: "another run
     * did this in between".
     */
    ExecuteLedgerPort interleaved(String method, ThrowingRunnable before) {
        LedgerExecutePort real = new LedgerExecutePort(db);
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        return (ExecuteLedgerPort) java.lang.reflect.Proxy.newProxyInstance(ExecuteLedgerPort.class.getClassLoader(),
                new Class<?>[]{ExecuteLedgerPort.class}, (proxy, m, args) -> {
                    if (m.getName().equals(method) && fired.compareAndSet(false, true)) {
                        before.run();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A new active revision of the project whose graph is only {@code graph.url} (no stored bytes); returns its id. */
    UUID revisionWithGraphUrl(String url) {
        com.fasterxml.jackson.databind.node.ObjectNode spec = ModelTree.toJson(config);
        ObjectNode graph = JsonNodeFactory.instance.objectNode();
        graph.put("url", url);
        graph.put("sha256", config.graph().sha256());
        spec.set("graph", graph);
        return new ConfigRevisions(db).upload(module, spec, "c".repeat(64), "system:test", Optional.empty()).id();
    }

    /** The production handler with this Slurm backend. */
    public ExecuteHandler slurmHandler(Map<String, String> env, SlurmExecutionBackend slurm) {
        Clock clock = Clock.systemUTC();
        return new ExecuteHandler(new ExecuteHandler.Dependencies(db,
                new PinnedInputs(db, new GraphSource(ExampleProject.root())), new LedgerExecutePort(db),
                new StagingStep(Optional.empty(), CasdaStagingSettings.defaults()), new ManifestStep((p, s) -> false),
                new RestDaliugeBackend(clock), new EnvValues(env), clock, new ExecuteMetrics(meters), slurm));
    }

    ExecuteHandler handler(Map<String, String> env) {
        return handler(env, Optional.empty(), CasdaStagingSettings.defaults());
    }

    public JsonObject row(UUID id) {
        return db.sql().first("SELECT to_jsonb(b) FROM batch_execution_record b WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
    }

    JsonObject source(String sid) {
        return db.sql().first("SELECT to_jsonb(s) FROM source_registry s WHERE project_module = $1 AND source_identifier = $2",
                r -> (JsonObject) r.getValue(0), module, sid).orElseThrow();
    }

    public long events(UUID id, String type) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", id, type);
    }

    public List<String> artifactKinds(UUID id) {
        return db.sql().list("SELECT kind FROM execution_artifacts WHERE execution_id = $1 ORDER BY kind, producer_phase",
                r -> r.getString(0), id);
    }

    public List<JsonObject> dryRunRequests(UUID id) {
        return db.sql().list("SELECT inline_json FROM execution_artifacts WHERE execution_id = $1 AND kind = 'dry_run_request' "
                + "ORDER BY uuid", r -> (JsonObject) r.getValue(0), id);
    }

    String artifactSha(UUID id, String kind) {
        return db.sql().first("SELECT sha256 FROM execution_artifacts WHERE execution_id = $1 AND kind = $2",
                r -> r.getString(0), id, kind).orElse(null);
    }

}
