package dev.beampipe.model.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output redaction (20-api §1.7): values under secret keys become {@code "[REDACTED]"}, other strings have
 * {@code password=...}-style markers redacted. Object keys come out sorted, like the reference's JSON values.
 */
public final class Redaction {
    public static final String REDACTED = "[REDACTED]";
    private static final Pattern MARKERS = Pattern.compile(
            "(?i)(access_token=|id_token=|password=|passphrase=|passcode=|token=|secret=|apikey=|api_key=|authorization=)[^&\\s\"']*");

    private Redaction() {
    }

    public static JsonNode value(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            for (String key : keys) {
                out.set(key, SecretKeys.isSecret(key) ? TextNode.valueOf(REDACTED) : value(node.get(key)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(value(it.next()));
            }
            return out;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(string(node.textValue()));
        }
        return node;
    }

    public static String string(String text) {
        if (text == null) {
            return null;
        }
        return MARKERS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    }
}
