package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one JSON object the way serde reads a {@code deny_unknown_fields} struct: unknown keys,
 * missing required keys and wrong types fail with serde's message shapes and the object's path.
 */
final class StrictObject {
    private final JsonNode node;
    private final String path;

    StrictObject(JsonNode node, String path, String expected, List<String> fields) {
        if (node == null || !node.isObject()) {
            throw new ProfileFormatException(path, "invalid type: " + describe(node) + ", expected " + expected);
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!fields.contains(key)) {
                throw new ProfileFormatException(child(key), "unknown field `" + key + "`, " + expectedNames(fields));
            }
        }
    }

    String child(String key) {
        return ".".equals(path) ? key : path + "." + key;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    String requiredString(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new ProfileFormatException(path, "missing field `" + key + "`");
        }
        return string(key, v);
    }

    /** Absent or null means no value. */
    String optionalString(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : string(key, v);
    }

    String stringOr(String key, String defaultValue) {
        JsonNode v = node.get(key);
        return v == null ? defaultValue : string(key, v);
    }

    Long optionalInteger(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : integer(key, v);
    }

    long integerOr(String key, long defaultValue) {
        JsonNode v = node.get(key);
        return v == null ? defaultValue : integer(key, v);
    }

    /** Key absent: the default; key present as null: no value (the {@code dim_port_for_tm} rule). */
    Long integerOrDefaultWhenAbsent(String key, long defaultValue) {
        JsonNode v = node.get(key);
        if (v == null) {
            return defaultValue;
        }
        return v.isNull() ? null : integer(key, v);
    }

    boolean boolOr(String key, boolean defaultValue) {
        JsonNode v = node.get(key);
        return v == null ? defaultValue : bool(key, v);
    }

    Boolean optionalBool(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : bool(key, v);
    }

    private String string(String key, JsonNode v) {
        if (!v.isTextual()) {
            throw new ProfileFormatException(child(key), "invalid type: " + describe(v) + ", expected a string");
        }
        return v.asText();
    }

    private long integer(String key, JsonNode v) {
        if (!v.isIntegralNumber()) {
            throw new ProfileFormatException(child(key), "invalid type: " + describe(v) + ", expected i32");
        }
        if (!v.canConvertToInt()) {
            throw new ProfileFormatException(child(key), "invalid value: integer `" + v.asText() + "`, expected i32");
        }
        return v.asLong();
    }

    private boolean bool(String key, JsonNode v) {
        if (!v.isBoolean()) {
            throw new ProfileFormatException(child(key), "invalid type: " + describe(v) + ", expected a boolean");
        }
        return v.asBoolean();
    }

    static String expectedNames(List<String> names) {
        List<String> quoted = names.stream().map(n -> "`" + n + "`").collect(Collectors.toList());
        if (quoted.size() == 1) {
            return "expected " + quoted.get(0);
        }
        if (quoted.size() == 2) {
            return "expected " + quoted.get(0) + " or " + quoted.get(1);
        }
        return "expected one of " + String.join(", ", quoted);
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string \"" + v.asText() + "\"";
        }
        if (v.isBoolean()) {
            return "boolean `" + v.asBoolean() + "`";
        }
        if (v.isIntegralNumber()) {
            return (v.asLong() < 0 ? "integer `" : "integer `") + v.asText() + "`";
        }
        if (v.isNumber()) {
            return "floating point `" + v.asText() + "`";
        }
        if (v.isArray()) {
            return "sequence";
        }
        return "map";
    }
}
