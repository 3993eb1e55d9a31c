package dev.beampipe.api.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.secrets.Redaction;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The raw {@code batch_execution_record} rows whose {@code sources} selection names a source (20-api §2.3): every
 * column in the reference's row shape, newest first, with the secrets inside the profile snapshot, the manifest and
 * the last error redacted (decision 19).
 */
final class SourceExecutions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}");
    private static final List<String> DOCUMENTS = List.of("deployment_profile_snapshot", "workflow_manifest");

    private final Database db;

    SourceExecutions(Database db) {
        this.db = db;
    }

    List<JsonNode> of(String module, String identifier, int limit, int offset) {
        return db.sql().list("SELECT to_jsonb(b)::text FROM batch_execution_record b WHERE b.project_module = $1 "
                        + "AND b.sources @> jsonb_build_array(jsonb_build_object('source_identifier', $2::text)) "
                        + "ORDER BY b.created_at DESC, b.uuid DESC LIMIT $3 OFFSET $4",
                r -> row(r.getString(0)), module, identifier, limit, offset);
    }

    static JsonNode row(String text) {
        ObjectNode row;
        try {
            row = (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("execution row is not JSON", e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            if (column.getValue().isTextual() && TIMESTAMP.matcher(column.getValue().textValue()).matches()) {
                column.setValue(TextNode.valueOf(utc(column.getValue().textValue())));
            }
        }
        for (String document : DOCUMENTS) {
            if (row.hasNonNull(document)) {
                row.set(document, Redaction.value(row.get(document)));
            }
        }
        if (row.path("last_error").isTextual()) {
            row.put("last_error", Redaction.string(row.get("last_error").textValue()));
        }
        return row;
    }

    /** PostgreSQL's JSON timestamps carry the session's offset; the API writes RFC 3339 UTC with {@code Z}. */
    static String utc(String text) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
