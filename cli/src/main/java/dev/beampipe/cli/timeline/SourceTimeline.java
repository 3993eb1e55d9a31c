package dev.beampipe.cli.timeline;

import dev.beampipe.model.sources.SourceRow;
import dev.beampipe.model.sources.SourceStatus;

import java.util.List;

/** A registered source, its readiness now (the same object as {@code GET /sources/{id}/status}) and its events, newest first. */
public record SourceTimeline(SourceRow source, SourceStatus status, List<TimelineEvent> events) {
    public SourceTimeline {
        events = List.copyOf(events);
    }
}
