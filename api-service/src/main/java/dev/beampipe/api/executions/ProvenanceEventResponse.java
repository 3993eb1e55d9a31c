package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One {@code provenance_events} row as the API returns it, payload redacted. */
@Schema(name = "ProvenanceEventResponse", requiredProperties = {"id", "occurred_at", "event_type", "project_module", "payload"})
public record ProvenanceEventResponse(UUID id, Instant occurredAt, String eventType, String projectModule,
                                      String sourceIdentifier, UUID executionId, String actor, String correlationId,
                                      JsonNode payload) {
    static final String COLUMNS = "id, occurred_at, event_type, project_module, source_identifier, execution_id, actor, "
            + "correlation_id, payload";

    static ProvenanceEventResponse from(Row r) {
        return new ProvenanceEventResponse(r.getUUID("id"), JsonColumns.instant(r, "occurred_at"), r.getString("event_type"),
                r.getString("project_module"), r.getString("source_identifier"), r.getUUID("execution_id"),
                r.getString("actor"), r.getString("correlation_id"), Redaction.value(JsonColumns.json(r, "payload")));
    }
}
