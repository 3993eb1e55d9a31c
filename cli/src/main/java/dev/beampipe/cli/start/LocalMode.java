package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.db.DatabaseUrl;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link StartPlan}: PostgreSQL, migrations, the example survey, the TAP simulator (when the archives are
 * simulated), the services, the wait for readiness, then supervision
 * until a signal (exit 0) or an unexpected child exit (exit 1). Whatever happens, every child is stopped,
 * the embedded PostgreSQL is stopped and the pid file is removed before returning.
 */
public final class LocalMode {
    private static final Logger LOG = Logger.getLogger(LocalMode.class);
    private static final long TICK_MILLIS = 250;
    private static final long PROGRESS_EVERY_MILLIS = 5_000;
    private static final java.time.Duration SIMULATOR_READY_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final StartPlan plan;
    private final Map<String, String> env;
    private final PrintStream out = System.out;
    private final Supervisor supervisor = new Supervisor();
    private SignalTrap signals;
    private LocalPostgres postgres;

    public LocalMode(StartPlan plan, Map<String, String> env) {
        this.plan = plan;
        this.env = env;
    }

    public int run() {
        LocalLayout layout = plan.layout();
        layout.createDirectories();
        try (PidFile ignored = PidFile.acquire(layout.pidFile())) {
            if (!FreePorts.isFree(plan.api().host(), plan.api().port())) {
                throw new CliException("the API address " + plan.api().bindValue() + " is already in use; "
                        + "choose another with --port N (or BEAMPIPE_BIND_ADDR)");
            }
            signals = SignalTrap.install();
            signals.onEachSignal(() -> LOG.info("stopping beampipe (signal received)"));
            try {
                return supervise();
            } finally {
                shutDown();
                signals.close();
            }
        }
    }

    private int supervise() {
        DatabaseUrl url = database();
        if (signals.triggered()) {
            return 0;
        }
        LOG.infof("applying migrations to %s", url);
        int applied = Migrator.apply(url);
        LOG.infof("migrations applied (%d new)", applied);
        new ExampleSurvey(plan.appRoot()).seedIfEmpty(url);
        LocalAdmin.createIfNoUsers(url, plan.layout().local()).ifPresent(file -> {
            out.println("created the superuser '" + LocalAdmin.USERNAME + "'; its password is in " + file);
            out.flush();
        });
        launchChildren(url);
        if (!awaitReady()) {
            return 0;
        }
        out.println("beampipe is ready: " + plan.api().apiUrl());
        out.println("API docs: " + plan.api().apiUrl() + "/docs");
        out.flush();
        LOG.infof("logs in %s; press Ctrl-C to stop", plan.layout().logs());
        while (!signals.triggered()) {
            failIfAChildExited();
            sleep(TICK_MILLIS);
        }
        return 0;
    }

    private DatabaseUrl database() {
        if (plan.externalDatabase().isPresent()) {
            LOG.infof("using DATABASE_URL %s", plan.externalDatabase().get());
            return plan.externalDatabase().get();
        }
        postgres = LocalPostgres.start(plan.layout().postgresData(), plan.layout().log("postgres"));
        LOG.infof("embedded PostgreSQL is listening on 127.0.0.1:%d", postgres.port());
        return postgres.url();
    }

    private void launchChildren(DatabaseUrl url) {
        ServiceLauncher launcher = ServiceLauncher.forCurrentJvm(plan.layout().local(), env);
        List<Service> services = List.copyOf(StartPlan.services(plan.worker()));
        List<Integer> ports = FreePorts.allocate(services.size() + 1);
        Optional<SimulatedArchives> archives = plan.tapSimulator()
                ? Optional.of(startSimulatedArchives(launcher, ports.get(services.size()))) : Optional.empty();
        for (int i = 0; i < services.size() && !signals.triggered(); i++) {
            Service service = services.get(i);
            int metricsPort = ports.get(i);
            Map<String, String> overrides = new java.util.HashMap<>(Map.of(
                    "DATABASE_URL", url.toUrlWithSecret(),
                    "BEAMPIPE_METRICS_BIND_ADDR", "127.0.0.1:" + metricsPort));
            if (!env.containsKey("BEAMPIPE_JWT_SECRET")) {
                overrides.put("BEAMPIPE_JWT_SECRET", LocalJwtSecret.resolve(plan.layout().local()));
            }
            if (!env.containsKey("HOSTNAME")) {
                localHostName().ifPresent(h -> overrides.put("HOSTNAME", h));
            }
            if (service == Service.API) {
                overrides.put("BEAMPIPE_BIND_ADDR", plan.api().bindValue());
            }
            archives.ifPresent(a -> overrides.putAll(a.environment(service, env)));
            ServiceProcess child = launcher.launch(service, plan.jars().get(service), overrides,
                    plan.layout().log(service.shortName()), metricsPort);
            supervisor.add(child);
            LOG.infof("started %s (pid %d, metrics 127.0.0.1:%d, log %s)", service.module(), child.pid(),
                    metricsPort, child.log());
        }
    }

    /** Starts the TAP simulator and waits until it answers, so discovery never meets a closed port. */
    private SimulatedArchives startSimulatedArchives(ServiceLauncher launcher, int port) {
        SimulatedArchives archives = new SimulatedArchives(port);
        Service sim = Service.TAP_SIMULATOR;
        ServiceProcess child = launcher.launch(sim, plan.jars().get(sim), archives.arguments(), Map.of(),
                plan.layout().log(sim.shortName()), port);
        supervisor.add(child);
        LOG.infof("started the TAP simulator (pid %d, log %s): CASDA %s, VizieR %s", child.pid(), child.log(),
                archives.casdaTapUrl(), archives.vizierTapUrl());
        ReadinessProbe probe = new ReadinessProbe(URI.create(archives.availabilityUrl()));
        long deadline = System.nanoTime() + SIMULATOR_READY_TIMEOUT.toNanos();
        ReadinessProbe.Answer last = probe.probe();
        while (!last.ok() && !signals.triggered()) {
            failIfAChildExited();
            if (System.nanoTime() > deadline) {
                throw new CliException("the TAP simulator did not answer " + probe.uri() + " within "
                        + SIMULATOR_READY_TIMEOUT.toSeconds() + " s (" + describe(last) + "); see its log " + child.log());
            }
            sleep(200);
            last = probe.probe();
        }
        return archives;
    }

    /** Services name their instances after {@code HOSTNAME}, which an interactive shell does not export. */
    private static Optional<String> localHostName() {
        try {
            return Optional.of(java.net.InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Polls readiness until 200; false when a signal asked us to stop first. */
    private boolean awaitReady() {
        ReadinessProbe probe = new ReadinessProbe(URI.create(plan.api().apiUrl() + plan.readinessPath()));
        LOG.infof("waiting for %s (up to %d s)", probe.uri(), plan.readyTimeout().toSeconds());
        long start = System.nanoTime();
        long deadline = start + plan.readyTimeout().toNanos();
        long nextProgress = System.currentTimeMillis() + PROGRESS_EVERY_MILLIS;
        ReadinessProbe.Answer last = null;
        while (!signals.triggered()) {
            failIfAChildExited();
            last = probe.probe();
            if (last.ok()) {
                LOG.infof("ready after %d s", (System.nanoTime() - start) / 1_000_000_000L);
                if (!plan.worker()) {
                    LOG.info("running without worker-service (--worker false): /api/v2/ready stays 503 until a worker joins");
                }
                return true;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException("beampipe did not become ready within " + plan.readyTimeout().toSeconds()
                        + " s (last answer from " + probe.uri() + ": " + describe(last) + "); see the logs in "
                        + plan.layout().logs());
            }
            if (System.currentTimeMillis() >= nextProgress) {
                LOG.infof("still waiting (%d s): %s", (System.nanoTime() - start) / 1_000_000_000L, describe(last));
                nextProgress += PROGRESS_EVERY_MILLIS;
            }
            sleep(500);
        }
        return false;
    }

    private static String describe(ReadinessProbe.Answer answer) {
        return answer.status() == 0 ? "not answering (" + answer.detail() + ")"
                : "HTTP " + answer.status() + (answer.detail().isEmpty() ? "" : " " + answer.detail());
    }

    private void failIfAChildExited() {
        Optional<ServiceProcess> dead = supervisor.exited();
        if (dead.isPresent() && !signals.triggered()) {
            ServiceProcess child = dead.get();
            int code = child.process().exitValue();
            System.err.println(tail(child.log(), 20));
            throw new CliException(child.service().module() + " exited unexpectedly (exit code " + code
                    + "); see its log " + child.log());
        }
    }

    private void shutDown() {
        supervisor.stopAll(plan.stopGrace(), () -> signals.count() > 1);
        if (postgres != null) {
            LOG.info("stopping the embedded PostgreSQL");
            postgres.close();
        }
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> {
            LOG.warnf("killing leftover process %d (%s)", p.pid(), p.info().command().orElse("?"));
            p.destroyForcibly();
        });
        LOG.info("beampipe stopped");
    }

    /** The last {@code lines} lines of a log file, framed for the terminal. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = 0;
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).startsWith(ServiceLauncher.RUN_MARKER)) {
                    from = i + 1;
                    break;
                }
            }
            List<String> last = all.subList(Math.max(from, all.size() - lines), all.size());
            return "--- last lines of " + log + " ---" + System.lineSeparator()
                    + String.join(System.lineSeparator(), last) + System.lineSeparator() + "---";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
