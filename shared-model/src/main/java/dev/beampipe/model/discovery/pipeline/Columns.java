package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Column look-up in a TAP row (30-project-config §3.3): the key as written, then lower-case, then upper-case.
 * A column holding JSON null is present.
 */
final class Columns {

    private Columns() {
    }

    static Optional<JsonNode> get(JsonNode row, String key) {
        if (row == null || !row.isObject()) {
            return Optional.empty();
        }
        for (String candidate : new String[] {key, key.toLowerCase(Locale.ROOT), key.toUpperCase(Locale.ROOT)}) {
            JsonNode value = row.get(candidate);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
