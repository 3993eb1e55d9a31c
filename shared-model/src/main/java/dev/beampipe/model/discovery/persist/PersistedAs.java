package dev.beampipe.model.discovery.persist;

/**
 * How one source of a batch was persisted. Exactly one per source, so the counts of a {@link BatchReport} add up
 * to its {@code totalSources}; the names are the {@code outcome} label of the discovery metrics.
 */
enum PersistedAs {
    CHANGED, UNCHANGED, NO_DATASETS, ERROR, TIMEOUT, INVALID_RECORD, MISSING_REGISTRY;

    boolean failed() {
        return this == ERROR || this == TIMEOUT || this == INVALID_RECORD;
    }
}
