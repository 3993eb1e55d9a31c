package dev.beampipe.cli.start;

import dev.beampipe.cli.Home;
import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.db.DatabaseUrl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code beampipe start} decided before starting anything: where its state lives, where the API
 * binds, whether a worker runs, whether the archives are simulated ({@link SimulatedArchives#wanted}), which
 * database (external {@code DATABASE_URL} or the embedded one), and the jars.
 */
public record StartPlan(LocalLayout layout, ApiAddress api, boolean worker, boolean tapSimulator,
                        Optional<DatabaseUrl> externalDatabase,
                        Map<Service, Path> jars, Duration readyTimeout, Duration stopGrace, Path appRoot) {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration STOP_GRACE = Duration.ofSeconds(40);

    public static StartPlan resolve(String homeFlag, Integer portFlag, boolean worker, Map<String, String> env,
                                    List<Path> cliLocations) {
        LocalLayout layout = LocalLayout.of(Home.resolve(homeFlag, env));
        ApiAddress api = ApiAddress.resolve(portFlag, env);
        String rawUrl = env.get("DATABASE_URL");
        Optional<DatabaseUrl> external = rawUrl == null || rawUrl.isBlank()
                ? Optional.empty() : Optional.of(Migrator.databaseUrl(env));
        AppHome appHome = AppHome.locate(env.get(AppHome.ENV), cliLocations);
        boolean simulate = SimulatedArchives.wanted(env);
        Map<Service, Path> jars = appHome.jars(processes(worker, simulate));
        return new StartPlan(layout, api, worker, simulate, external, jars, READY_TIMEOUT, STOP_GRACE, appHome.root());
    }

    /** Every process to run, in start order: the TAP simulator (when simulating) first, then {@link #services}. */
    public static Set<Service> processes(boolean worker, boolean tapSimulator) {
        Set<Service> all = EnumSet.copyOf(services(worker));
        if (tapSimulator) {
            all.add(Service.TAP_SIMULATOR);
        }
        return all;
    }

    public Set<Service> processes() {
        return processes(worker, tapSimulator);
    }

    /** The services to run, in start order: scheduler, worker (unless {@code --worker false}), api. */
    public static Set<Service> services(boolean worker) {
        return worker ? EnumSet.of(Service.SCHEDULER, Service.WORKER, Service.API)
                : EnumSet.of(Service.SCHEDULER, Service.API);
    }

    /**
     * What "started" means: {@code /api/v2/ready} (DB, migrations, scheduler leader, a live worker); without
     * a worker readiness can never pass, so {@code /api/v2/health} is awaited instead.
     */
    public String readinessPath() {
        return worker ? "/ready" : "/health";
    }
}
