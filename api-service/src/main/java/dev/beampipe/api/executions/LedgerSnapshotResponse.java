package dev.beampipe.api.executions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.provenance.ProvenanceEventResponse;

import java.util.List;
import java.util.UUID;

/** {@code GET /executions/{id}/ledger-snapshot} (20-api §2.4); three fields are omitted when absent. */
public record LedgerSnapshotResponse(
        UUID uuid, String status, String executionPhase, String schedulerName, String schedulerJobId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String correlationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID activeJobId,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode workflowManifest,
        String lastError, JsonNode runRecordPhases, ProvenanceSummary provenanceSummary) {

    public record ProvenanceSummary(Integer configVersion, String discoverySignature,
                                    List<ProvenanceEventResponse> recentEvents) {
    }
}
