package dev.beampipe.model.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSONB columns are read as text ({@code col::text}) and written as text cast to jsonb. */
final class AlertJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text == null ? "null" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alerting JSON is not JSON", e);
        }
    }

    static String write(JsonNode node) {
        return node == null ? "{}" : node.toString();
    }
}
