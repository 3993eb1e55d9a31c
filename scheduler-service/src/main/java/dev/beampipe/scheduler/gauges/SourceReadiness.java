package dev.beampipe.scheduler.gauges;


/**
 * The {@code readiness} label of {@code beampipe_sources_by_readiness} (ours), in the console's words
 * (50-operations §1.7). The first matching rule wins, so every source has exactly one readiness.
 */
public enum SourceReadiness {
    DISABLED("disabled"),
    DISCOVERING("discovering"),
    PENDING_ADMISSION("pending admission"),
    NOT_DISCOVERED("not discovered"),
    NO_DATASETS("no datasets"),
    EXECUTED("executed"),
    READY_CHANGED("ready (changed)");

    private final String label;

    SourceReadiness(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The facts about one source row, as the gauge query computes them.
     *
     * @param discovering   discovery claim held and unexpired
     * @param pending       {@code workflow_run_pending}
     * @param discovered    a non-empty {@code discovery_signature}
     * @param noDatasets    the signature is the no-datasets signature (the last discovery found nothing)
     * @param executed      the signature equals {@code last_executed_discovery_signature}
     */
    public record Facts(boolean enabled, boolean discovering, boolean pending, boolean discovered, boolean noDatasets,
                        boolean executed) {
    }

    public static SourceReadiness of(Facts f) {
        if (!f.enabled()) {
            return DISABLED;
        }
        if (f.discovering()) {
            return DISCOVERING;
        }
        if (f.pending()) {
            return PENDING_ADMISSION;
        }
        if (!f.discovered()) {
            return NOT_DISCOVERED;
        }
        if (f.noDatasets()) {
            return NO_DATASETS;
        }
        return f.executed() ? EXECUTED : READY_CHANGED;
    }
}
