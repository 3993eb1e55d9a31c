package dev.beampipe.worker.dimpoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.daliuge.DimTimeouts;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.IslandManagerSimulator;
import dev.beampipe.simulators.http.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Executions seeded with SQL in the shape the execute worker's receipt leaves them (REST, session deployed), and
 * sessions deployed on the in-process DIM simulator with a manual clock.
 */
final class PollFixture {
    static final String MODULE = "wallaby";
    static final String SIGNATURE = "a".repeat(64);
    static final ObjectMapper JSON = new ObjectMapper();

    final Database db;
    final DaliugeSimulator sim;
    final ManualClock clock;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DimPollMetrics metrics = new DimPollMetrics(meters);

    PollFixture(Database db, DaliugeSimulator sim, ManualClock clock) {
        this.db = db;
        this.sim = sim;
        this.clock = clock;
    }

    static DaliugeSimulator simulator(ManualClock clock) {
        return DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, 100, null);
    }

    String dim() {
        return sim.dimBase().toString();
    }

    IslandManagerClient client() {
        return new IslandManagerClient(dim(), true, DimTimeouts.DEFAULTS, clock);
    }

    DimPoller poller(DimPollSettings settings) {
        return new DimPoller(new DimPollLedger(db), settings, metrics, (endpoint, verify) ->
                new IslandManagerClient(endpoint, verify, DimTimeouts.DEFAULTS, clock));
    }

    /** Cached clients, one per (endpoint, TLS flag), as the worker's {@link DimPoller#httpClients()}. */
    DimPoller.Clients clients() {
        java.util.concurrent.ConcurrentMap<String, IslandManagerClient> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return (endpoint, verify) -> cache.computeIfAbsent(verify + " " + endpoint,
                k -> new IslandManagerClient(endpoint, verify, DimTimeouts.DEFAULTS, clock));
    }

    /** Records {@code beampipe_run_record.backend_mode} as the execute job does at submit. */
    void mode(UUID id, String mode) {
        set(id, "workflow_manifest = jsonb_set(COALESCE(workflow_manifest, '{}'::jsonb) || jsonb_build_object("
                + "'beampipe_run_record', COALESCE(workflow_manifest->'beampipe_run_record', '{}'::jsonb)), "
                + "'{beampipe_run_record,backend_mode}', to_jsonb($2::text))", mode);
    }

    DimPoller poller() {
        return poller(new DimPollSettings(true, false, 500));
    }

    /** A one-app, one-data graph on the first NM: runs one step after deploy. */
    static PhysicalGraph graph() {
        String nm = IslandManagerSimulator.DEFAULT_NODES.get(0);
        try {
            ArrayNode drops = (ArrayNode) JSON.readTree("[{\"oid\":\"app1\",\"categoryType\":\"Application\","
                    + "\"dropclass\":\"dlg.apps.simple.SleepApp\",\"node\":\"" + nm + "\",\"outputs\":[\"data1\"]},"
                    + "{\"oid\":\"data1\",\"categoryType\":\"Data\",\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\","
                    + "\"node\":\"" + nm + "\",\"producers\":[\"app1\"]}]");
            return PhysicalGraph.of(drops);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void deploy(String sid) throws Exception {
        client().createAppendDeploy(sid, graph());
    }

    /** A source and a REST execution as the DIM receipt leaves it: running, submitted, DALiuGE running. */
    UUID submitted(String source, boolean outputVerificationRequired) {
        UUID id = Uuid7.next();
        Instant created = clock.instant();
        String sid = SessionIds.forExecution(id, created);
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, "
                        + "discovery_signature, workflow_run_pending, workflow_run_pending_at) VALUES ($1, $2, $3, true, $4, true, now()) "
                        + "ON CONFLICT DO NOTHING", Uuid7.next(), MODULE, source, SIGNATURE);
        String combined = ExecutionSignature.combined(Map.of(source, SIGNATURE)).orElseThrow();
        JsonObject snapshot = new JsonObject().put("deployment", new JsonObject().put("kind", "rest_remote")
                .put("deploy_host", sim.dimBase().getHost()).put("deploy_port", sim.dimBase().getPort())
                .put("use_https", false).put("verify_ssl", true));
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot, discovery_signature, scheduler_name, daliuge_session_id, "
                        + "daliuge_manager_url, control_phase, submission_state, scheduler_state, daliuge_state, output_state, "
                        + "output_verification_required, output_verification_policy, execution_phase, started_at, created_at, "
                        + "workflow_manifest) VALUES ($1, $2, $3, 'casda', 'running', $4, $5, 'daliuge', $6, $7, 'submitted', "
                        + "'submitted', 'not_submitted', 'running', $8, $9, $10, 'submit', now(), $11, $12)",
                id, MODULE, new JsonArray().add(new JsonObject().put("source_identifier", source)), snapshot, combined,
                sid, dim(), outputVerificationRequired ? "pending" : "not_started", outputVerificationRequired,
                new JsonObject().put("required", outputVerificationRequired)
                        .put("inventory_schema", "wallaby-hires-output-inventory/v1"),
                created.atOffset(java.time.ZoneOffset.UTC),
                new JsonObject().put("beampipe_run_record", new JsonObject().put("dim", new JsonObject()
                        .put("session_id", sid))));
        return id;
    }

    /** Pins a (non-active) project config revision whose {@code automation.execution} is {@code execution}. */
    void pinPolicy(UUID id, JsonObject execution) {
        UUID config = Uuid7.next();
        db.sql().update("INSERT INTO project_configs (uuid, project_id, version, spec, spec_sha256, active) "
                        + "VALUES ($1, $2, (SELECT COALESCE(max(version), 0) + 1 FROM project_configs WHERE project_id = $2), "
                        + "$3, $4, false)", config, MODULE,
                new JsonObject().put("automation", new JsonObject().put("execution", execution)), "b".repeat(64));
        set(id, "project_config_id = $2", config);
    }

    void set(UUID id, String assignments, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        db.sql().update("UPDATE batch_execution_record SET " + assignments + " WHERE uuid = $1", all);
    }

    String sid(UUID id) {
        return text(id, "daliuge_session_id");
    }

    String text(UUID id, String column) {
        return db.sql().first("SELECT " + column + "::text FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id).orElse(null);
    }

    JsonObject manifest(UUID id) {
        return db.sql().first("SELECT workflow_manifest FROM batch_execution_record WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
    }

    JsonObject runRecord(UUID id) {
        return manifest(id).getJsonObject("beampipe_run_record");
    }

    DimPollTarget target(UUID id) {
        return DimPollTargets.of(db.sql(), id).orElseThrow();
    }

    long events(UUID id, String type) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", id, type);
    }

    long observations(UUID id) {
        return db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", id);
    }

    JsonObject lastObservation(UUID id) {
        return db.sql().first("SELECT json_build_object('normalized', normalized_state, 'raw', raw_state, 'reason', reason, "
                + "'payload', payload) FROM execution_observations WHERE execution_id = $1 ORDER BY observed_at DESC, uuid DESC "
                + "LIMIT 1", r -> (JsonObject) r.getValue(0), id).orElseThrow();
    }

    JsonObject lastObservationOrNull(UUID id) {
        return observations(id) == 0 ? null : lastObservation(id);
    }

    boolean sourcePending(String source) {
        return db.sql().first("SELECT workflow_run_pending FROM source_registry WHERE source_identifier = $1",
                r -> r.getBoolean(0), source).orElseThrow();
    }

    String sourceColumn(String source, String column) {
        return db.sql().first("SELECT " + column + "::text FROM source_registry WHERE source_identifier = $1",
                r -> r.getString(0), source).orElse(null);
    }

    /** Polls the whole tick selection once (what one tick does in real mode). */
    int tick() throws InterruptedException {
        return poller().pollAll(DimPollTargets.pending(db.sql(), 500, true), "test-tick");
    }
}
