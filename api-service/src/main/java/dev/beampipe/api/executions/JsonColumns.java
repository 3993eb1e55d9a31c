package dev.beampipe.api.executions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads JSONB and timestamptz columns of the reactive client into Jackson trees and instants. */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    static JsonNode json(Row row, String column) {
        Object value = row.getValue(column);
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.readTree(Json.encode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " is not JSON", e);
        }
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
