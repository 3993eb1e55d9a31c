package dev.beampipe.api.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads of the {@code provenance_events} stream (20-api §5.7), payloads redacted. */
public final class ProvenanceFeed {
    /** {@code GET /sources/{id}/events} returns this many, newest first (20-api §1.6). */
    public static final int SOURCE_EVENTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, occurred_at, event_type, project_module, source_identifier, execution_id, "
            + "actor, correlation_id, payload::text AS payload";

    private final Database db;

    public ProvenanceFeed(Database db) {
        this.db = db;
    }

    public List<ProvenanceEventResponse> forSource(String module, String identifier) {
        return db.sql().list("SELECT " + COLUMNS + " FROM provenance_events WHERE project_module = $1 "
                + "AND source_identifier = $2 ORDER BY occurred_at DESC, id DESC LIMIT $3",
                ProvenanceFeed::event, module, identifier, SOURCE_EVENTS);
    }

    public List<ProvenanceEventResponse> forProject(String module, int limit, int offset) {
        return db.sql().list("SELECT " + COLUMNS + " FROM provenance_events WHERE project_module = $1 "
                + "ORDER BY occurred_at DESC, id DESC LIMIT $2 OFFSET $3", ProvenanceFeed::event, module, limit, offset);
    }

    /** An execution's timeline, oldest first (20-api §2.4). */
    public List<ProvenanceEventResponse> forExecution(UUID execution, int limit) {
        return db.sql().list("SELECT " + COLUMNS + " FROM provenance_events WHERE execution_id = $1 "
                + "ORDER BY occurred_at ASC, id ASC LIMIT $2", ProvenanceFeed::event, execution, limit);
    }

    static ProvenanceEventResponse event(Row r) {
        OffsetDateTime at = r.getOffsetDateTime("occurred_at");
        try {
            return new ProvenanceEventResponse(r.getUUID("id"), at == null ? null : at.toInstant(), r.getString("event_type"),
                    r.getString("project_module"), r.getString("source_identifier"), r.getUUID("execution_id"),
                    r.getString("actor"), r.getString("correlation_id"), Redaction.value(JSON.readTree(r.getString("payload"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance payload is not JSON", e);
        }
    }
}
