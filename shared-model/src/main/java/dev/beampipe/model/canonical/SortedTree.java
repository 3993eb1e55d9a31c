package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Deep copy of a JSON tree with every object's keys inserted in UTF-8 byte order. */
public final class SortedTree {

    private SortedTree() {
    }

    public static JsonNode of(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>(Utf8Order.COMPARATOR);
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), of(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(of(item)));
            return out;
        }
        return node;
    }
}
