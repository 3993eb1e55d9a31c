package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * serde_json's pretty printer: two-space indent, {@code "key": value}, {@code []} and {@code {}} for
 * empty containers, the same string and number text as {@link CanonicalJson}. Used for CLI reports.
 */
public final class PrettyJson {
    private PrettyJson() {
    }

    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, 0);
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb, int depth) {
        if (node != null && node.isObject() && node.size() > 0) {
            sb.append("{\n");
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> e = it.next();
                if (i > 0) {
                    sb.append(",\n");
                }
                indent(sb, depth + 1);
                JsonText.string(sb, e.getKey());
                sb.append(": ");
                write(e.getValue(), sb, depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (node != null && node.isArray() && node.size() > 0) {
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(",\n");
                }
                indent(sb, depth + 1);
                write(node.get(i), sb, depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else if (node != null && node.isFloatingPointNumber()) {
            sb.append(Double.isFinite(node.doubleValue()) ? FloatText.format(node.doubleValue()) : "null");
        } else {
            sb.append(CanonicalJson.write(node));
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }
}
