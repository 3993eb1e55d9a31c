package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON text exactly as serde_json writes a {@code serde_json::Value}: no whitespace, serde's string
 * escaping, integers as plain decimal, floats with {@link FloatText}. Shared by {@link CanonicalJson}
 * (object keys in insertion order) and {@link StableJson} (object keys in UTF-8 byte order).
 */
final class JsonText {

    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final boolean sortKeys;
    private final StringBuilder out = new StringBuilder(256);

    private JsonText(boolean sortKeys) {
        this.sortKeys = sortKeys;
    }

    static String write(JsonNode node, boolean sortKeys) {
        JsonText w = new JsonText(sortKeys);
        w.value(node);
        return w.out.toString();
    }

    private void value(JsonNode node) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isTextual()) {
            string(out, node.textValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(node.get(i));
            }
            out.append(']');
        } else if (node.isObject()) {
            object(node);
        } else {
            throw new IllegalArgumentException("no JSON text for a " + node.getNodeType() + " node");
        }
    }

    private void object(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        if (sortKeys) {
            entries.sort(Map.Entry.comparingByKey(Utf8Order.COMPARATOR));
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            value(e.getValue());
        }
        out.append('}');
    }

    /**
     * serde_json number text. A serde_json {@code Number} is a u64, an i64 or an f64: integers outside
     * [i64::MIN, u64::MAX] and non-integral numbers are f64; a non-finite f64 is written as {@code null}.
     */
    static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            BigInteger big = node.bigIntegerValue();
            if (big.compareTo(I64_MIN) >= 0 && big.compareTo(U64_MAX) <= 0) {
                return big.toString();
            }
        }
        double d = node.doubleValue();
        return Double.isFinite(d) ? FloatText.format(d) : "null";
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
