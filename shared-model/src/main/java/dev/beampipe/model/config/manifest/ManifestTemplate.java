package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders {@code manifest.source_template} / {@code dataset_template} values (30-project-config §4.5).
 *
 * <p>Only a string that starts with {@code {} and ends with {@code }} is a placeholder, for its inner text:
 * {@code flags.X} → {@code record.discovery_flags.X}, else {@code record.X}, else {@code staging.X};
 * {@code staging.a.b} → the dot path in the staging context; anything else → {@code record[key]} (top-level,
 * dots not interpreted). A resolved value keeps its JSON type (a present JSON null counts as resolved);
 * an unresolved placeholder stays as its literal string. Arrays and objects are rendered recursively;
 * other values are copied. Inputs are never modified.
 */
public final class ManifestTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestTemplate() {
    }

    public static JsonNode render(JsonNode template, JsonNode record, JsonNode staging) {
        if (template == null) {
            return NODES.nullNode();
        }
        if (template.isTextual()) {
            return renderString(template.textValue(), record, staging);
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode(template.size());
            template.forEach(item -> out.add(render(item, record, staging)));
            return out;
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), render(field.getValue(), record, staging));
            }
            return out;
        }
        return template.deepCopy();
    }

    /** True for a string the renderer treats as a placeholder. */
    public static boolean isPlaceholder(String s) {
        return s.length() >= 2 && s.startsWith("{") && s.endsWith("}");
    }

    private static JsonNode renderString(String s, JsonNode record, JsonNode staging) {
        if (!isPlaceholder(s)) {
            return TextNode.valueOf(s);
        }
        String key = s.substring(1, s.length() - 1);
        JsonNode resolved = resolve(key, record, staging);
        return resolved == null ? TextNode.valueOf(s) : resolved.deepCopy();
    }

    private static JsonNode resolve(String key, JsonNode record, JsonNode staging) {
        if (key.startsWith("flags.")) {
            String flag = key.substring("flags.".length());
            JsonNode value = member(member(record, "discovery_flags"), flag);
            if (value == null) {
                value = member(record, flag);
            }
            return value != null ? value : member(staging, flag);
        }
        if (key.startsWith("staging.")) {
            JsonNode current = staging;
            for (String part : key.substring("staging.".length()).split("\\.", -1)) {
                current = member(current, part);
                if (current == null) {
                    return null;
                }
            }
            return current;
        }
        return member(record, key);
    }

    /** An object member, or null when the value is not an object or lacks the key. */
    static JsonNode member(JsonNode value, String key) {
        return value != null && value.isObject() ? value.get(key) : null;
    }
}
