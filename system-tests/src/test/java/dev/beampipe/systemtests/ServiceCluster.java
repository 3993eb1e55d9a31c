package dev.beampipe.systemtests;

import dev.beampipe.model.config.graph.LoadedGraph;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One fresh database and the packaged service processes started on it (scheduler, workers, api): the stage every
 * multi-process system test runs on. Subclasses add their simulators and environment. Logs go to
 * {@code system-tests/target/it-logs/<name>/}. Closing stops every process (a SIGSTOPped one is resumed first) and
 * drops the database.
 */
public class ServiceCluster implements AutoCloseable {
    public static final String MODULE = "wallaby_hires";

    private final TestDatabase database;
    private final Path logs;
    private final Map<String, String> baseEnv = new HashMap<>();
    private final List<ServiceProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

    protected ServiceCluster(String name) {
        this.logs = ServiceProcess.repo().resolve("system-tests/target/it-logs").resolve(name);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = TestDatabase.create();
        baseEnv.put("DATABASE_URL", database.url().toUrlWithSecret());
    }

    public Database db() {
        return database.db();
    }

    /** DATABASE_URL of this cluster's database (with its secret, for child processes only). */
    public String databaseUrl() {
        return database.url().toUrlWithSecret();
    }

    public Path logs() {
        return logs;
    }

    /** Environment for every process started after this call. */
    public ServiceCluster env(String key, String value) {
        baseEnv.put(key, value);
        return this;
    }

    /** A copy of the environment every process gets. */
    public Map<String, String> baseEnv() {
        return Map.copyOf(baseEnv);
    }

    /** Starts {@code module}'s packaged jar with the cluster environment plus {@code extraEnv}; stopped on close. */
    public ServiceProcess start(String module, String name, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(extraEnv);
        return track(ServiceProcess.start(module, name, env, logs));
    }

    /** Stops {@code process} on close and shows its log tail in timeouts. */
    public ServiceProcess track(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    public ServiceProcess startScheduler() {
        return start("scheduler-service", "scheduler", Map.of());
    }

    public ServiceProcess startWorker(String name) {
        return startWorker(name, Map.of());
    }

    public ServiceProcess startWorker(String name, Map<String, String> extraEnv) {
        return start("worker-service", name, extraEnv);
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
        activate(yaml, Optional.empty());
    }

    /** The same, with the graph bytes the revision pins (the API's upload stores them with the revision). */
    public void activate(Path yaml, Optional<LoadedGraph> graph) {
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
        new ConfigRevisions(db()).upload(MODULE, ModelTree.toJson(ok.config()), sha256(text), "system:test", graph);
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

    /** Exit code and combined output of one CLI run. */
    public record CliRun(int exitCode, String output) {
    }

    /** Runs the packaged CLI ({@code bin/beampipe args…}) with the cluster environment; its output is also kept in the logs. */
    public CliRun cli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.repo().resolve("bin/beampipe").toString());
        command.addAll(List.of(args));
        Path log = logs.resolve("cli-" + String.join("-", args).replaceAll("[^A-Za-z0-9_.-]", "_") + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).directory(logs.toFile());
        pb.environment().putAll(baseEnv);
        try {
            Process p = pb.start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("beampipe " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new CliRun(p.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 250 ms; on timeout fails with {@code what} and the tail of every process log. */
    public void awaitTrue(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
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
        new ArrayList<>(processes).parallelStream().forEach(ServiceProcess::close);
        database.close();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
