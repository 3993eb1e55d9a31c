package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One {@code execution_observations} row; unlike the reference the payload is redacted too (docs/differences.md). */
@Schema(name = "ExecutionObservationRow", requiredProperties = {"uuid", "execution_id", "kind", "normalized_state",
        "payload", "observed_at"})
public record ExecutionObservationRow(UUID uuid, UUID executionId, String kind, String normalizedState, String rawState,
                                      String reason, JsonNode payload, String sourceVersion, Instant observedAt) {
    static final String COLUMNS = "uuid, execution_id, kind, normalized_state, raw_state, reason, payload, source_version, "
            + "observed_at";

    static ExecutionObservationRow from(Row r) {
        return new ExecutionObservationRow(r.getUUID("uuid"), r.getUUID("execution_id"), r.getString("kind"),
                r.getString("normalized_state"), r.getString("raw_state"), r.getString("reason"),
                Redaction.value(JsonColumns.json(r, "payload")), r.getString("source_version"), JsonColumns.instant(r, "observed_at"));
    }
}
