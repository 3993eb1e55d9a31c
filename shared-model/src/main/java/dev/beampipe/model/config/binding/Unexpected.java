package dev.beampipe.model.config.binding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.FloatText;

/** serde's "invalid type/value" texts, with serde_json's rendering of the unexpected value. */
final class Unexpected {

    private Unexpected() {
    }

    static BindingException invalidType(BindPath path, JsonNode value, String expected) {
        return new BindingException(path, "invalid type: " + describe(value) + ", expected " + expected);
    }

    static BindingException invalidValue(BindPath path, JsonNode value, String expected) {
        return new BindingException(path, "invalid value: " + describe(value) + ", expected " + expected);
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "boolean `" + value.booleanValue() + "`";
        }
        if (value.isIntegralNumber()) {
            return "integer `" + value.bigIntegerValue() + "`";
        }
        if (value.isNumber()) {
            return "floating point `" + floatText(value.doubleValue()) + "`";
        }
        if (value.isTextual()) {
            return "string " + debugString(value.textValue());
        }
        if (value.isArray()) {
            return "sequence";
        }
        return "map";
    }

    /** serde_json's float text (serde_json renders floats in its messages with its own formatter). */
    static String floatText(double value) {
        return FloatText.format(value);
    }

    /** Rust's {@code Debug} for str: quotes with backslash escapes. */
    static String debugString(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u{%x}", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
