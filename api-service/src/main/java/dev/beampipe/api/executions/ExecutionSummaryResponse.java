package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code GET /executions/{id}/summary} (20-api §2.4). */
public record ExecutionSummaryResponse(
        UUID uuid, String projectModule, String archiveName, String status, int requestedSourceCount,
        List<String> requestedSourceIdentifiers, String schedulerName, String schedulerJobId, String daliugeSessionId,
        String controlPhase, String schedulerState, String daliugeState, String terminalOutcome, String lastError) {

    static ExecutionSummaryResponse of(ExecutionRow r) {
        List<String> ids = sourceIdentifiers(r.sources());
        return new ExecutionSummaryResponse(r.uuid(), r.projectModule(), r.archiveName(), r.status(), ids.size(), ids,
                r.schedulerName(), r.schedulerJobId(), r.daliugeSessionId(), r.controlPhase(), r.schedulerState(),
                r.daliugeState(), r.terminalOutcome(), Redaction.string(r.lastError()));
    }

    static List<String> sourceIdentifiers(JsonNode sources) {
        List<String> out = new ArrayList<>();
        if (sources != null && sources.isArray()) {
            for (JsonNode s : sources) {
                JsonNode sid = s.get("source_identifier");
                if (sid != null && sid.isTextual()) {
                    out.add(sid.textValue());
                }
            }
        }
        return out;
    }
}
