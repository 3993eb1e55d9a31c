package dev.beampipe.model.discovery.persist;

import dev.beampipe.model.discovery.pipeline.SourceOutcome;

/** One source of a {@code discover_batch} job: its outcome and how long discovering it took. */
public record SourceResult(String sourceIdentifier, SourceOutcome outcome, long durationMs) {
}
