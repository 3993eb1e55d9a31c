package dev.beampipe.systemtests.execution;

import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.graph.LoadedGraph;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.systemtests.ServiceCluster;
import dev.beampipe.systemtests.ServiceProcess;
import dev.beampipe.systemtests.discovery.ArchiveTruth;
import dev.beampipe.systemtests.discovery.HipassNames;
import dev.beampipe.systemtests.discovery.WallabyConfigVariant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The stage of the DALiuGE execution system tests (issue 6): a fresh database; the TAP simulator in process (CASDA
 * TAP + VizieR for discovery, the CASDA VO-proxy login, DataLink and SODA staging, with Basic auth required); the
 * DALiuGE TM + DIM simulator as its own process; the reference {@code dlg-dim} profile pointed at it; the reference
 * WALLABY config with {@code automation.execution} naming that profile and its graph pinned; and scheduler, worker
 * and api processes started on demand with {@code BEAMPIPE_USE_REAL_BACKENDS} set as the cluster was created.
 */
public final class ExecutionCluster extends ServiceCluster {
    public static final String POOL = "execution";
    public static final String CASDA_USER = "wallaby-ops";

    private final TapSimulator tap;
    private final DaliugeSimulatorProcess dlg;
    private final boolean realBackends;

    private ExecutionCluster(String name, boolean realBackends, long stepMillis) {
        super(name);
        this.realBackends = realBackends;
        this.tap = TapSimulator.start(0);
        String password = HexFormat.of().formatHex(random(12));
        tap.casdaAuth().require(CASDA_USER, password);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BEAMPIPE_CASDA_TAP_URL", tap.casdaTapBase().toString());
        env.put("BEAMPIPE_VIZIER_TAP_URL", tap.vizierTapBase().toString());
        env.put("CASDA_USERNAME", CASDA_USER);
        env.put("CASDA_PASSWORD", password);
        env.put("CASDA_LOGIN_URL", tap.casdaLogin().toString());
        env.put("BEAMPIPE_CASDA_STAGING_POLL_INTERVAL_SECONDS", "1");
        env.put("BEAMPIPE_USE_REAL_BACKENDS", Boolean.toString(realBackends));
        env.put("BEAMPIPE_DIM_POLL_INTERVAL_SECONDS", "1");
        env.put("BEAMPIPE_SHAPING_EXECUTION_MAX_IN_FLIGHT_RUNS", "50");
        env.put("BEAMPIPE_SCHEDULER_INTERVAL_SECONDS", "1");
        env.put("BEAMPIPE_WORKER_POOL", POOL);
        env.put("BEAMPIPE_WORKER_CONCURRENCY", "4");
        env.put("BEAMPIPE_WORKER_LOCK_SECONDS", "6");
        env.put("BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "1");
        env.put("BEAMPIPE_WORKER_POLL_INTERVAL_MS", "200");
        env.forEach(this::env);
        DaliugeSimulatorProcess started;
        try {
            started = DaliugeSimulatorProcess.start(this, stepMillis);
        } catch (RuntimeException | Error e) {
            super.close();
            tap.close();
            throw e;
        }
        this.dlg = started;
    }

    /**
     * A cluster whose processes run with real backends on (every call reaches the simulators) or off (dry run);
     * {@code stepMillis} is how long each simulated DALiuGE app drop runs.
     */
    public static ExecutionCluster create(String name, boolean realBackends, long stepMillis) {
        return new ExecutionCluster(name, realBackends, stepMillis);
    }

    public TapSimulator tap() {
        return tap;
    }

    public DaliugeSimulatorProcess dlg() {
        return dlg;
    }

    public boolean realBackends() {
        return realBackends;
    }

    /**
     * Adds the dlg-dim profile (room for {@code concurrent} executions) and activates the reference WALLABY config
     * naming it, with its pinned graph and a 1 s REST poll interval; {@code verificationRequired} false turns the
     * reference's {@code output_verification.required} off (runs end {@code completed} without a publisher);
     * {@code execution} overrides further {@code automation.execution} keys.
     */
    public void configure(int concurrent, boolean verificationRequired, Map<String, String> execution) {
        DlgDimProfile.add(db(), dlg, concurrent);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("deployment_profile_name", DlgDimProfile.NAME);
        keys.put("concurrent_execution_run_limit", Integer.toString(concurrent));
        keys.put("execution_rest_remote_poll_interval_seconds", "1.0");
        keys.putAll(execution);
        Path yaml = WallabyConfigVariant.reference().set("automation.execution", keys)
                .set("output_verification", "required", Boolean.toString(verificationRequired)).writeTo(logs());
        activate(yaml, Optional.of(referenceGraph(yaml)));
    }

    /** The graph the config pins, read from ../shared/reference (relative paths resolve against it). */
    private static LoadedGraph referenceGraph(Path yaml) {
        try {
            ParseResult parsed = ProjectConfigValidation.parse(Files.readString(yaml));
            ParseResult.Parsed ok = (ParseResult.Parsed) parsed;
            return new GraphSource(ReferenceFiles.path(".").toAbsolutePath().normalize()).load(ok.config().graph());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code n} HIPASS-like names whose latest epoch is one SBID with data and a calibration archive and that HICAT
     * knows, read from the simulator's archive model: discovery makes each of them ready for execution. One SBID
     * keeps each run's graph at 36 scatter copies (the reference patch sets {@code num_of_copies} to the dataset
     * count), which keeps the translation of 20 runs within the test's time on 2 cores.
     */
    public List<String> executableSources(int n, long seed) {
        return HipassNames.of(n * 12, seed).stream().map(s -> ArchiveTruth.of(tap.archive(), s))
                .filter(t -> t.kind() == ArchiveTruth.Kind.DATA && t.inHicat() && t.sbids().size() == 1)
                .map(ArchiveTruth::source).limit(n).toList();
    }

    public ServiceProcess startWorker(String name) {
        return startWorker(name, Map.of());
    }

    // ------------------------------------------------------------------ ledger reads

    /** The execution whose sources name {@code source} (WALLABY: one source per execution), once admitted. */
    public Optional<UUID> executionOf(String source) {
        return db().sql().first("SELECT uuid FROM batch_execution_record WHERE project_module = $1 "
                        + "AND sources @> jsonb_build_array(jsonb_build_object('source_identifier', $2::text)) ORDER BY created_at",
                r -> r.getUUID(0), MODULE, source);
    }

    public UUID awaitExecution(String source, Duration timeout) {
        awaitTrue(timeout, () -> executionOf(source).isPresent(), () -> "an execution admitted for " + source
                + " (source row: " + sourceRow(source) + ")");
        return executionOf(source).orElseThrow();
    }

    /** The whole batch_execution_record row as JSON. */
    public JsonObject row(UUID execution) {
        return db().sql().first("SELECT to_jsonb(e)::text FROM batch_execution_record e WHERE uuid = $1",
                r -> new JsonObject(r.getString(0)), execution).orElseThrow(() -> new AssertionError("no execution " + execution));
    }

    public JsonObject sourceRow(String source) {
        return db().sql().first("SELECT to_jsonb(s)::text FROM source_registry s WHERE project_module = $1 AND source_identifier = $2",
                r -> new JsonObject(r.getString(0)), MODULE, source).orElse(null);
    }

    /** Waits until the execution row satisfies {@code done}; the failure names {@code what} and shows the row. */
    public JsonObject awaitRow(UUID execution, Duration timeout, String what, Predicate<JsonObject> done) {
        awaitTrue(timeout, () -> {
            if (done.test(row(execution))) {
                return true;
            }
            List<String> jobs = jobs(execution);
            if (jobs.stream().anyMatch(j -> j.contains(":dead_letter"))) {
                throw new AssertionError("execution " + execution + " never " + what + ": a job was dead-lettered; jobs: " + jobs
                        + "; row: " + summary(row(execution)) + "\n" + logTails());
            }
            return false;
        }, () -> "execution " + execution + " " + what + "; row now: " + summary(row(execution)) + "; jobs: " + jobs(execution));
        return row(execution);
    }

    /** The ledger axes of a row, for failure messages. */
    public static String summary(JsonObject row) {
        JsonObject s = new JsonObject();
        for (String k : List.of("status", "execution_phase", "control_phase", "submission_state", "daliuge_state", "output_state",
                "terminal_outcome", "failure_class", "last_error", "daliuge_session_id")) {
            s.put(k, row.getValue(k));
        }
        return s.encode();
    }

    /** kind:status of every job about this execution, oldest first. */
    public List<String> jobs(UUID execution) {
        return db().sql().list("SELECT kind || ':' || status || coalesce(':' || last_error, '') FROM jobs "
                + "WHERE payload->>'execution_id' = $1 ORDER BY created_at", r -> r.getString(0), execution.toString());
    }

    public List<String> eventTypes(UUID execution) {
        return db().sql().list("SELECT event_type FROM provenance_events WHERE execution_id = $1 ORDER BY occurred_at, id",
                r -> r.getString(0), execution);
    }

    /** {@code type actor payload} of every event of the execution, oldest first, for failure messages. */
    public List<String> eventLines(UUID execution) {
        return db().sql().list("SELECT event_type || ' ' || coalesce(actor, '-') || ' ' || payload::text FROM provenance_events "
                + "WHERE execution_id = $1 ORDER BY occurred_at, id", r -> r.getString(0), execution);
    }

    public long events(UUID execution, String type) {
        return db().sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", execution, type);
    }

    /** Every artifact of the execution as JSON rows (kind, sha256, inline_json, metadata, …), oldest first. */
    public List<JsonObject> artifacts(UUID execution) {
        return db().sql().list("SELECT to_jsonb(a)::text FROM execution_artifacts a WHERE execution_id = $1 ORDER BY created_at, kind",
                r -> new JsonObject(r.getString(0)), execution);
    }

    public long observations(UUID execution) {
        return db().sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", execution);
    }

    /** The pinned policy says the run waits for a trusted publisher before {@code completed}. */
    public static boolean requiresVerification(JsonObject row) {
        return Boolean.TRUE.equals(row.getBoolean("output_verification_required"));
    }

    /** Terminal, or parked at the output verification gate (running / {@code output_verification}, 10-state §5.7). */
    public static boolean finishedRunning(JsonObject row) {
        String status = row.getString("status");
        return List.of("completed", "failed", "cancelled", "not_submitted").contains(status)
                || ("running".equals(status) && "output_verification".equals(row.getString("control_phase")));
    }

    public static boolean terminal(JsonObject row) {
        return List.of("completed", "failed", "cancelled", "not_submitted").contains(row.getString("status"));
    }

    /** Every JSON value under {@code node} (objects and arrays walked) as text, for "does it name X" checks. */
    public static String text(Object node) {
        return node instanceof JsonObject o ? o.encode() : node instanceof JsonArray a ? a.encode() : String.valueOf(node);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            tap.close();
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
