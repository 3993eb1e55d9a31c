package dev.beampipe.cli.start;

/** The three services that {@code beampipe start} runs, by module name and short name (log file, messages). */
public enum Service {
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
}
