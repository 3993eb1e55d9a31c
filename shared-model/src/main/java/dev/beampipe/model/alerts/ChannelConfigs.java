package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.secrets.SecretKeys;
import dev.beampipe.model.secrets.SecretRefs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Notification channel configs (50-operations §4.3): validation per kind, the redacted view, the secret and
 * configured field lists, and the PATCH merge that lets an editor send {@code "[REDACTED]"} back. A webhook
 * {@code url} is a secret (decision 13) although its key is not secret-named.
 */
public final class ChannelConfigs {
    public static final List<String> KINDS = List.of("webhook", "email");
    public static final List<String> TEMPLATES = List.of("generic", "slack", "pagerduty");

    private ChannelConfigs() {
    }

    public static Optional<String> problem(String kind, JsonNode config) {
        if (kind == null || !KINDS.contains(kind)) {
            return Optional.of("kind must be webhook or email");
        }
        if (config == null || !config.isObject()) {
            return Optional.of(kind.equals("webhook") ? "webhook channels need a config.url string"
                    : "email channels need a config.smtp_host string");
        }
        if (kind.equals("webhook")) {
            JsonNode url = config.get("url");
            if (url == null || !(url.isTextual() && !url.textValue().isBlank() || SecretRefs.isRef(url))) {
                return Optional.of("webhook channels need a config.url string (or an env/file secret ref)");
            }
            JsonNode template = config.get("template");
            if (template != null && !template.isNull() && !(template.isTextual() && TEMPLATES.contains(template.textValue()))) {
                return Optional.of("config.template must be one of: " + String.join(", ", TEMPLATES));
            }
            JsonNode headers = config.get("headers");
            if (headers != null && !headers.isNull() && !headers.isObject()) {
                return Optional.of("config.headers must be an object of header names to values or secret refs");
            }
        } else {
            JsonNode host = config.get("smtp_host");
            if (host == null || !host.isTextual() || host.textValue().isBlank()) {
                return Optional.of("email channels need a config.smtp_host string");
            }
        }
        return Optional.empty();
    }

    /** Redacted for responses: secret-named keys, marker values, and a webhook's {@code url}. */
    public static JsonNode redacted(String kind, JsonNode config) {
        JsonNode out = Redaction.value(config);
        if ("webhook".equals(kind) && out instanceof ObjectNode object && object.has("url")) {
            object.set("url", TextNode.valueOf(Redaction.REDACTED));
        }
        return out;
    }

    /** Dotted paths of secret-named keys and secret-ref objects, plus a webhook's {@code url}; sorted. */
    public static List<String> secretFields(String kind, JsonNode config) {
        TreeSet<String> out = new TreeSet<>();
        walkSecrets(config, "", out);
        if ("webhook".equals(kind) && config != null && config.has("url")) {
            out.add("url");
        }
        return List.copyOf(out);
    }

    private static void walkSecrets(JsonNode node, String path, TreeSet<String> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (SecretKeys.isSecret(e.getKey()) || SecretRefs.isRef(e.getValue())) {
                out.add(child);
            } else {
                walkSecrets(e.getValue(), child, out);
            }
        }
    }

    /** Top-level keys, sorted. */
    public static List<String> configuredFields(JsonNode config) {
        List<String> out = new ArrayList<>();
        if (config != null && config.isObject()) {
            config.fieldNames().forEachRemaining(out::add);
        }
        out.sort(null);
        return out;
    }

    /**
     * PATCH merge (20-api §2.10): a {@code "[REDACTED]"} value keeps the stored one; {@code headers} merge per
     * header ({@code "[REDACTED]"} keeps, {@code null} deletes; {@code headers: null} removes all); other keys are
     * replaced (null is stored as null); a patch that is not an object replaces the whole config.
     */
    public static JsonNode merge(JsonNode stored, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? stored : patch.deepCopy();
        }
        ObjectNode out = stored != null && stored.isObject() ? ((ObjectNode) stored).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (isRedacted(value)) {
                continue;
            }
            if (e.getKey().equals("headers") && value.isObject()) {
                out.set("headers", mergeHeaders(out.get("headers"), value));
            } else if (e.getKey().equals("headers") && value.isNull()) {
                out.remove("headers");
            } else {
                out.set(e.getKey(), value.deepCopy());
            }
        }
        return out;
    }

    private static ObjectNode mergeHeaders(JsonNode stored, JsonNode patch) {
        ObjectNode out = stored != null && stored.isObject() ? ((ObjectNode) stored).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (isRedacted(e.getValue())) {
                continue;
            }
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    private static boolean isRedacted(JsonNode value) {
        return value != null && value.isTextual() && Redaction.REDACTED.equals(value.textValue());
    }

    /** True when any string or key anywhere in {@code node} holds a NUL character (PostgreSQL refuses them). */
    public static boolean containsNul(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().indexOf('\0') >= 0 || containsNul(e.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                if (containsNul(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
