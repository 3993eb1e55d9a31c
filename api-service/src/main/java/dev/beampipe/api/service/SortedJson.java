package dev.beampipe.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.Utf8Order;

import java.util.ArrayList;
import java.util.List;

/**
 * Free-form JSON values as the reference emits them (20-api §1.3): object keys sorted by UTF-8 bytes at every level. PostgreSQL
 * {@code jsonb} hands keys back ordered by length first, so stored values are re-sorted before they are returned.
 */
public final class SortedJson {
    private SortedJson() {
    }

    public static JsonNode of(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(Utf8Order.COMPARATOR);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            keys.forEach(key -> out.set(key, of(node.get(key))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(of(element)));
            return out;
        }
        return node;
    }
}
