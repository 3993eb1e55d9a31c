package dev.beampipe.systemtests.discovery;

import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One fresh database with a scheduler-service and worker-service processes pointed at a TAP simulator:
 * the multi-process stage every discovery acceptance test runs on. Logs go to
 * {@code system-tests/target/it-logs/<name>/}. Closing stops every process (a SIGSTOPped one is resumed
 * first) and drops the database.
 */
public final class DiscoveryCluster implements AutoCloseable {
    public static final String MODULE = "wallaby_hires";
    public static final String NO_DATASETS_SIGNATURE = "f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f";
    static final String POOL = "discovery";

    private final TestDatabase database;
    private final TapSimulator sim;
    private final Path logs;
    private final Map<String, String> baseEnv = new HashMap<>();
    private final List<ServiceProcess> processes = new ArrayList<>();

    private DiscoveryCluster(TestDatabase database, TapSimulator sim, Path logs) {
        this.database = database;
        this.sim = sim;
        this.logs = logs;
        baseEnv.putAll(Map.of(
                "DATABASE_URL", database.url().toUrlWithSecret(),
                "BEAMPIPE_CASDA_TAP_URL", sim.casdaTapBase().toString(),
                "BEAMPIPE_VIZIER_TAP_URL", sim.vizierTapBase().toString(),
                "BEAMPIPE_SCHEDULER_INTERVAL_SECONDS", "1",
                "BEAMPIPE_WORKER_POOL", POOL,
                "BEAMPIPE_WORKER_LOCK_SECONDS", "6",
                "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "1",
                "BEAMPIPE_WORKER_POLL_INTERVAL_MS", "200",
                "BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY", "4"));
    }

    public static DiscoveryCluster create(String name, TapSimulator sim) {
        Path logs = ServiceProcess.repo().resolve("system-tests/target/it-logs").resolve(name);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiscoveryCluster(TestDatabase.create(), sim, logs);
    }

    public Database db() {
        return database.db();
    }

    /** DATABASE_URL of this cluster's database (with its secret, for child processes only). */
    public String databaseUrl() {
        return database.url().toUrlWithSecret();
    }

    public TapSimulator sim() {
        return sim;
    }

    public Path logs() {
        return logs;
    }

    /** Environment for every process started after this call. */
    public DiscoveryCluster env(String key, String value) {
        baseEnv.put(key, value);
        return this;
    }

    public ServiceProcess startScheduler() {
        ServiceProcess p = ServiceProcess.start("scheduler-service", "scheduler", baseEnv, logs);
        processes.add(p);
        return p;
    }

    public ServiceProcess startWorker(String name) {
        return startWorker(name, Map.of());
    }

    public ServiceProcess startWorker(String name, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(extraEnv);
        ServiceProcess p = ServiceProcess.start("worker-service", name, env, logs);
        processes.add(p);
        return p;
    }

    /** The worker instance id of a started worker process, once it has registered. */
    public UUID workerId(ServiceProcess worker) {
        awaitTrue(Duration.ofSeconds(60), () -> workerIdOrNull(worker) != null, () -> "worker " + worker.name + " registered");
        return workerIdOrNull(worker);
    }

    private UUID workerIdOrNull(ServiceProcess worker) {
        return db().sql().first("SELECT uuid FROM worker_instances WHERE process_id = $1 ORDER BY started_at DESC",
                r -> r.getUUID(0), (int) worker.pid()).orElse(null);
    }

    /** Uploads a config file as the new active revision of {@code wallaby_hires}, as the API's upload stores it. */
    public void activate(Path yaml) {
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseResult parsed = ProjectConfigValidation.parse(text);
        if (!(parsed instanceof ParseResult.Parsed ok)) {
            throw new IllegalStateException("config variant does not parse: " + parsed);
        }
        new ConfigRevisions(db()).upload(MODULE, ModelTree.toJson(ok.config()), sha256(text), "system:test");
    }

    /**
     * Registers enabled sources in one statement (a scheduler tick sees all or none of them), in list order
     * (created_at ascending, so claims follow the list).
     */
    public void register(List<String> sources) {
        register(sources, true);
    }

    /** Registers the sources disabled (nothing is discovered) or enabled. */
    public void register(List<String> sources, boolean enabled) {
        db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, created_at) "
                + "SELECT gen_random_uuid(), $1, s.id, $3, clock_timestamp() + make_interval(secs => s.n / 1000.0) "
                + "FROM unnest($2::text[]) WITH ORDINALITY AS s(id, n)", MODULE, sources.toArray(String[]::new), enabled);
    }

    /** Enables the sources in one statement: the next tick sees all of them. */
    public void enable(List<String> sources) {
        db().sql().update("UPDATE source_registry SET enabled = true WHERE project_module = $1 AND source_identifier = ANY($2)",
                MODULE, sources.toArray(String[]::new));
    }

    /**
     * Waits until every source was checked or has a {@code discovery.error}/{@code discovery.timeout} event and
     * has no discovery claim left.
     */
    public void awaitSettled(Collection<String> sources, Duration timeout) {
        String[] ids = sources.toArray(String[]::new);
        awaitTrue(timeout, () -> unsettled(ids) == 0, () -> unsettled(ids) + " of " + ids.length + " sources unsettled");
    }

    private long unsettled(String[] ids) {
        return db().sql().count("SELECT count(*) FROM source_registry s WHERE s.project_module = $1 "
                + "AND s.source_identifier = ANY($2) AND (s.discovery_claim_token IS NOT NULL OR (s.last_checked_at IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM provenance_events e WHERE e.project_module = s.project_module "
                + "AND e.source_identifier = s.source_identifier AND e.event_type IN ('discovery.error', 'discovery.timeout'))))",
                MODULE, ids);
    }

    /** identifier → stored discovery signature ({@code "<null>"} when none), sorted by identifier. */
    public Map<String, String> signatures() {
        Map<String, String> out = new TreeMap<>();
        db().sql().list("SELECT source_identifier, discovery_signature FROM source_registry WHERE project_module = $1",
                r -> out.put(r.getString(0), r.getString(1) == null ? "<null>" : r.getString(1)), MODULE);
        return out;
    }

    /** The same, restricted to {@code sources}. */
    public Map<String, String> signatures(Collection<String> sources) {
        Map<String, String> out = new TreeMap<>(signatures());
        out.keySet().retainAll(new java.util.HashSet<>(sources));
        return out;
    }

    /** source → (sbid → metadata_json) of every archive_metadata row, sorted. */
    public Map<String, Map<String, JsonObject>> archiveRows() {
        Map<String, Map<String, JsonObject>> out = new TreeMap<>();
        db().sql().list("SELECT source_identifier, sbid, metadata_json FROM archive_metadata WHERE project_module = $1",
                r -> out.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), (JsonObject) r.getValue(2)), MODULE);
        return out;
    }

    public List<String> events(String source, String type) {
        return db().sql().list("SELECT payload::text FROM provenance_events WHERE project_module = $1 AND source_identifier = $2 "
                + "AND event_type = $3 ORDER BY occurred_at, id", r -> r.getString(0), MODULE, source, type);
    }

    /** Polls {@code condition} every 250 ms; on timeout fails with {@code what} and the tail of every process log. */
    public void awaitTrue(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what.get() + "\n" + logTails());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess p : processes) {
            List<String> lines = p.logText().lines().toList();
            out.append("---- ").append(p.name).append(" (").append(p.log).append(")\n");
            lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (ServiceProcess p : processes) {
            if (p.process.isAlive()) {
                try {
                    p.sigcont();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
        processes.parallelStream().forEach(ServiceProcess::close);
        database.close();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
