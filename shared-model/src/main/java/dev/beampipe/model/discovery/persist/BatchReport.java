package dev.beampipe.model.discovery.persist;

import java.util.List;

/**
 * What persisting one {@code discover_batch} did (10-state-and-jobs §4.4 "Stats returned"), plus
 * {@code invalidRecordCount}: sources whose prepared records failed validation (our fix of pitfall 34: only
 * that source fails, not the batch). Every list is in input order.
 */
public record BatchReport(int totalSources, int totalSbids, int totalDatasets, int changedCount, int unchangedCount,
                          int noDatasetsCount, int errorCount, int timeoutCount, int missingRegistryCount,
                          int invalidRecordCount, List<String> failedSources, List<String> changedSourceIdentifiers) {
    public BatchReport {
        failedSources = List.copyOf(failedSources);
        changedSourceIdentifiers = List.copyOf(changedSourceIdentifiers);
    }
}
