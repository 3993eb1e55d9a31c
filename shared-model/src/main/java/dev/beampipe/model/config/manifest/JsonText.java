package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.coords.RustFloatText;
import dev.beampipe.model.config.query.UnicodeText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact JSON text of a value, as serde_json's {@code Value::to_string} writes it: the reference uses
 * it for non-string group keys and for a patched Integer field's {@code defaultValue}. Object keys are
 * byte-sorted (serde_json maps are sorted), strings keep non-ASCII raw and escape control characters with
 * lower-case hex, floats follow §5.6.3. {@link #SERDE} is a self-contained stand-in; the lead may swap in
 * the shared canonical writer ({@code dev.beampipe.model.canonical}) once it is merged.
 */
@FunctionalInterface
public interface JsonText {

    String write(JsonNode value);

    JsonText SERDE = JsonText::serde;

    private static String serde(JsonNode value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(floatText(value.doubleValue()));
        } else if (value.isTextual()) {
            appendString(out, value.textValue());
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, value.get(i));
            }
            out.append(']');
        } else if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            keys.sort(UnicodeText.UTF8_ORDER);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(out, keys.get(i));
                out.append(':');
                append(out, value.get(keys.get(i)));
            }
            out.append('}');
        } else {
            out.append(value.toString());
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** serde_json float text: fixed notation for decimal exponents −5…15 (integral → {@code .0}), else {@code 1e+16}. */
    static String floatText(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        if (d == 0.0) {
            return 1.0 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = RustFloatText.shortest(d).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -5 && exponent <= 15) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
    }
}
