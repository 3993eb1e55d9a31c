package dev.beampipe.api.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.beampipe.model.sources.SourceStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The reference's {@code SourceExecutionStatus}; {@code pending_age_seconds} is omitted unless pending. */
@Schema(requiredProperties = {"ready_for_execution", "discovery_complete", "workflow_run_pending",
        "signature_matches_last_execution", "blockers"})
public record SourceExecutionStatus(
        boolean readyForExecution,
        boolean discoveryComplete,
        boolean workflowRunPending,
        String discoverySignature,
        String lastExecutedDiscoverySignature,
        boolean signatureMatchesLastExecution,
        List<String> blockers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long pendingAgeSeconds) {

    static SourceExecutionStatus of(SourceStatus s) {
        return new SourceExecutionStatus(s.readyForExecution(), s.discoveryComplete(), s.workflowRunPending(),
                s.discoverySignature(), s.lastExecutedDiscoverySignature(), s.signatureMatchesLastExecution(),
                s.blockers(), s.pendingAgeSeconds());
    }
}
