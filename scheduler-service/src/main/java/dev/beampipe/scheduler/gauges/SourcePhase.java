package dev.beampipe.scheduler.gauges;

import java.util.Optional;

/**
 * The {@code phase} label of {@code beampipe_sources_processing} (50-operations §3.2): a source in flight is counted
 * once, at its highest phase (executing &gt; admitting &gt; discovering).
 */
public enum SourcePhase {
    DISCOVERING("discovering"),
    ADMITTING("admitting"),
    EXECUTING("executing");

    private final String label;

    SourcePhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * @param discovering the discovery claim is held and unexpired
     * @param admitting   the workflow (admission) claim is held and unexpired
     * @param executing   the source is named by an active execution
     */
    public static Optional<SourcePhase> highest(boolean discovering, boolean admitting, boolean executing) {
        if (executing) {
            return Optional.of(EXECUTING);
        }
        if (admitting) {
            return Optional.of(ADMITTING);
        }
        return discovering ? Optional.of(DISCOVERING) : Optional.empty();
    }
}
