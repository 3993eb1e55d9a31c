package dev.beampipe.cli.timeline;

import java.util.List;
import java.util.UUID;

/**
 * An execution's ledger header and its trace, oldest first. {@code correlationId} and {@code activeJobId} follow
 * {@code GET /executions/{id}/ledger-snapshot}: the last correlation id among the first five events, and the running
 * (else queued) {@code execute} (else {@code dim_poll}) job.
 */
public record ExecutionTimeline(UUID executionId, String status, String executionPhase, String projectModule,
                                String correlationId, UUID activeJobId, List<TimelineEvent> events) {
    public ExecutionTimeline {
        events = List.copyOf(events);
    }
}
