package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A parsed {@code GET …/status}: the raw JSON, the aggregated state and, for a DIM, each node manager's
 * state ({@code "dlg-nm1:8000:5555:6666" → RUNNING}).
 */
public record SessionStatus(JsonNode raw, SessionState state, Map<String, SessionState> perNode) {

    public SessionStatus {
        raw = raw.deepCopy();
        perNode = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perNode));
    }
}
