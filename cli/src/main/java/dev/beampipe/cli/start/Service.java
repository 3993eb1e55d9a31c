package dev.beampipe.cli.start;

/**
 * The processes that {@code beampipe start} runs, in start order, by module name and short name (log file,
 * messages): the TAP simulator (when the archives are simulated) and the three Quarkus services.
 */
public enum Service {
    TAP_SIMULATOR("simulators", "tap-simulator"),
    SCHEDULER("scheduler-service", "scheduler"),
    WORKER("worker-service", "worker"),
    API("api-service", "api");

    private final String module;
    private final String shortName;

    Service(String module, String shortName) {
        this.module = module;
        this.shortName = shortName;
    }

    /** The Maven module (and distribution folder) name, e.g. {@code api-service}. */
    public String module() {
        return module;
    }

    /** e.g. {@code api}: names the log file {@code logs/api.log}. */
    public String shortName() {
        return shortName;
    }

    /** A Quarkus service ({@code quarkus-run.jar}); the simulator is a plain jar with a main class. */
    public boolean quarkus() {
        return this != TAP_SIMULATOR;
    }
}
