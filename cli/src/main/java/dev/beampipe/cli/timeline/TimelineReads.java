package dev.beampipe.cli.timeline;

import dev.beampipe.model.ledger.ActiveExecutionJob;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.sources.SourceRow;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The timeline's reads of PostgreSQL: a source (registry row, readiness, its latest events), an execution (ledger
 * header, its first events) and a project's feed. Payloads are redacted like the API's provenance responses.
 */
public final class TimelineReads {
    /** Events shown for one source (newest first) or one execution (oldest first), like the API. */
    public static final int EVENTS = 100;
    /** The project feed's default and largest page. */
    public static final int PROJECT_DEFAULT_LIMIT = 50;
    public static final int PROJECT_MAX_LIMIT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_COLUMNS = "occurred_at, event_type, source_identifier, execution_id, correlation_id, "
            + "payload::text AS payload";

    private final Database db;
    private final SourceRegistry registry;

    public TimelineReads(Database db) {
        this.db = db;
        this.registry = new SourceRegistry(db);
    }

    public Optional<SourceTimeline> source(SourceRef ref) {
        Optional<SourceRow> row = ref.uuid().isPresent()
                ? registry.find(ref.uuid().get()).filter(r -> ref.projectModule() == null || r.projectModule().equals(ref.projectModule()))
                : registry.find(ref.projectModule(), ref.identifier());
        return row.map(r -> new SourceTimeline(r, registry.status(r), sourceEvents(r.projectModule(), r.sourceIdentifier())));
    }

    private List<TimelineEvent> sourceEvents(String module, String identifier) {
        return db.sql().list("SELECT " + EVENT_COLUMNS + " FROM provenance_events WHERE project_module = $1 "
                + "AND source_identifier = $2 ORDER BY occurred_at DESC, id DESC LIMIT $3",
                TimelineReads::event, module, identifier, EVENTS);
    }

    public Optional<ExecutionTimeline> execution(UUID id) {
        return db.sql().first("SELECT uuid, status, execution_phase, project_module FROM batch_execution_record WHERE uuid = $1",
                r -> r, id).map(r -> {
            List<TimelineEvent> events = db.sql().list("SELECT " + EVENT_COLUMNS + " FROM provenance_events "
                    + "WHERE execution_id = $1 ORDER BY occurred_at ASC, id ASC LIMIT $2", TimelineReads::event, id, EVENTS);
            UUID activeJob = ActiveExecutionJob.of(db.sql(), id).orElse(null);
            return new ExecutionTimeline(r.getUUID("uuid"), r.getString("status"), r.getString("execution_phase"),
                    r.getString("project_module"), correlation(events), activeJob, events);
        });
    }

    /** The last non-null correlation id among the first five events (the ledger snapshot's rule). */
    static String correlation(List<TimelineEvent> oldestFirst) {
        String found = null;
        for (TimelineEvent e : oldestFirst.subList(0, Math.min(5, oldestFirst.size()))) {
            if (e.correlationId() != null) {
                found = e.correlationId();
            }
        }
        return found;
    }

    /** The project's events, newest first. */
    public List<TimelineEvent> project(String module, int limit) {
        return db.sql().list("SELECT " + EVENT_COLUMNS + " FROM provenance_events WHERE project_module = $1 "
                + "ORDER BY occurred_at DESC, id DESC LIMIT $2", TimelineReads::event, module, limit);
    }

    /** Whether beampipe knows the module at all: a config revision, a registered source, an execution or an event. */
    public boolean projectKnown(String module) {
        return db.sql().first("SELECT EXISTS (SELECT 1 FROM project_configs WHERE project_id = $1) "
                        + "OR EXISTS (SELECT 1 FROM source_registry WHERE project_module = $1) "
                        + "OR EXISTS (SELECT 1 FROM batch_execution_record WHERE project_module = $1) "
                        + "OR EXISTS (SELECT 1 FROM provenance_events WHERE project_module = $1)",
                r -> r.getBoolean(0), module).orElse(false);
    }

    static TimelineEvent event(Row r) {
        OffsetDateTime at = r.getOffsetDateTime("occurred_at");
        try {
            return new TimelineEvent(at == null ? null : at.toInstant(), r.getString("event_type"),
                    r.getString("source_identifier"), r.getUUID("execution_id"), r.getString("correlation_id"),
                    Redaction.value(JSON.readTree(r.getString("payload"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance payload is not JSON", e);
        }
    }
}
