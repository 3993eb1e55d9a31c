package dev.beampipe.model.config.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helper: JSON with backticks for quotes, to keep fixtures readable. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

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
