package dev.beampipe.model.sources;

import java.util.List;

/**
 * The reference's {@code SourceExecutionStatus} (20-api §2.3): {@code pendingAgeSeconds} is null unless the source
 * is pending.
 */
public record SourceStatus(
        boolean readyForExecution,
        boolean discoveryComplete,
        boolean workflowRunPending,
        String discoverySignature,
        String lastExecutedDiscoverySignature,
        boolean signatureMatchesLastExecution,
        List<String> blockers,
        Long pendingAgeSeconds) {

    public SourceStatus {
        blockers = List.copyOf(blockers);
    }
}
