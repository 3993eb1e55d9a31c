package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.yaml.FloatText;
import dev.beampipe.model.config.yaml.Utf8Order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON exactly as serde_json writes it (30-project-config §5.5, §5.6): no whitespace, strings
 * escaped the serde way (only {@code "}, {@code \}, and U+0000–U+001F; everything else raw UTF-8),
 * integers plain, floats in the zmij shortest text. {@link #canonical} keeps each object's key order
 * (callers insert struct keys in declaration order, map keys byte-sorted); {@link #stable} sorts every
 * object's keys by UTF-8 bytes (the reference's {@code stable_json}). One writer for every hash in the
 * system: spec_sha256, profile spec_sha256, discovery signatures, artifacts, idempotency.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** Keys in the node's own order. */
    public static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, false);
        return sb.toString();
    }

    /** Every object's keys byte-sorted. */
    public static String stable(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, true);
        return sb.toString();
    }

    public static String canonicalSha256(JsonNode node) {
        return sha256Hex(canonical(node));
    }

    public static String stableSha256(JsonNode node) {
        return sha256Hex(stable(node));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static void write(JsonNode node, StringBuilder sb, boolean sortKeys) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            if (sortKeys) {
                fields.sort((a, b) -> Utf8Order.compare(a.getKey(), b.getKey()));
            }
            sb.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(fields.get(i).getKey(), sb);
                sb.append(':');
                write(fields.get(i).getValue(), sb, sortKeys);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(node.get(i), sb, sortKeys);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), sb);
        } else if (node.isBoolean()) {
            sb.append(node.asBoolean());
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                sb.append("null");
            } else {
                sb.append(FloatText.of(d));
            }
        } else {
            throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
