package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helper: JSON with backticks for quotes, to keep table rows readable. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode of(String text) {
        try {
            return MAPPER.readTree(text.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
