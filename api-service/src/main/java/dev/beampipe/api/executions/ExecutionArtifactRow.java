package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One {@code execution_artifacts} row; {@code uri}, {@code inline_json} and {@code metadata} redacted (20-api §1.7). */
@Schema(name = "ExecutionArtifactRow", requiredProperties = {"uuid", "execution_id", "kind", "storage_kind", "media_type",
        "sha256", "producer_phase", "metadata", "created_at"})
public record ExecutionArtifactRow(UUID uuid, UUID executionId, String kind, String storageKind, String uri,
                                   JsonNode inlineJson, String mediaType, String sha256, Long sizeBytes,
                                   String producerPhase, JsonNode metadata, Instant createdAt) {
    public static final String COLUMNS = "uuid, execution_id, kind, storage_kind, uri, inline_json, media_type, sha256, "
            + "size_bytes, producer_phase, metadata, created_at";

    public static ExecutionArtifactRow from(Row r) {
        return new ExecutionArtifactRow(r.getUUID("uuid"), r.getUUID("execution_id"), r.getString("kind"),
                r.getString("storage_kind"), Redaction.string(r.getString("uri")),
                Redaction.value(JsonColumns.json(r, "inline_json")), r.getString("media_type"), r.getString("sha256"),
                r.getLong("size_bytes"), r.getString("producer_phase"), Redaction.value(JsonColumns.json(r, "metadata")),
                JsonColumns.instant(r, "created_at"));
    }
}
