package dev.beampipe.model.admission;

import dev.beampipe.model.sources.MetadataRow;
import dev.beampipe.model.sources.SourceReadiness;
import dev.beampipe.model.sources.SourceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code partition_sources_ready_for_execution} (10-state-and-jobs §2.2, §4.6): a source whose current signature was
 * already executed is set aside (its pending flag is then cleared); the rest are ready or not by readiness checks
 * 1-7 without an SBID filter. Order is kept.
 */
public final class SourcePartition {
    private SourcePartition() {
    }

    /** One claimed source: its registry state (null when it vanished) and its metadata rows. */
    public record Candidate(String sourceIdentifier, SourceState state, List<MetadataRow> metadata) {
    }

    /** {@code notReady} maps each skipped source to its readiness message. */
    public record Partition(List<String> ready, Map<String, String> notReady, List<String> alreadyExecuted) {
    }

    public static Partition partition(List<Candidate> candidates) {
        List<String> ready = new ArrayList<>();
        Map<String, String> notReady = new LinkedHashMap<>();
        List<String> executed = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.state() != null && SourceReadiness.signatureMatchesLastExecution(c.state())) {
                executed.add(c.sourceIdentifier());
                continue;
            }
            Optional<String> error = SourceReadiness.error(c.sourceIdentifier(), null, c.state(), c.metadata());
            if (error.isPresent()) {
                notReady.put(c.sourceIdentifier(), error.get());
            } else {
                ready.add(c.sourceIdentifier());
            }
        }
        return new Partition(List.copyOf(ready), notReady, List.copyOf(executed));
    }
}
