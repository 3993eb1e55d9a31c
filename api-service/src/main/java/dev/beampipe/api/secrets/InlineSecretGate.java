package dev.beampipe.api.secrets;

import dev.beampipe.model.secrets.SecretKeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * In production (unless {@code BEAMPIPE_ALLOW_INLINE_SECRETS=true}) a write whose JSON holds an inline
 * secret is rejected with 400 (20-api §5.2): an {@code {"inline_dev": ...}} reference, or a string under a
 * secret-named key.
 */
public final class InlineSecretGate {
    private final boolean enforced;
    private final MeterRegistry meters;

    public InlineSecretGate(boolean enforced, MeterRegistry meters) {
        this.enforced = enforced;
        this.meters = meters;
    }

    public void check(String surface, JsonNode json) {
        if (!enforced || json == null) {
            return;
        }
        List<String> paths = new ArrayList<>();
        walk(json, "", paths);
        if (!paths.isEmpty()) {
            meters.counter("beampipe_unsafe_inline_secret_rejected", "surface", surface).increment();
            throw ApiErrors.badRequest("inline secrets are not allowed in production for " + surface
                    + "; use env/file secret refs for: " + String.join(", ", paths));
        }
    }

    /**
     * Notification channels (surface {@code notification_channel}, the reference's message without "for ..."): a
     * plain-string webhook {@code url} counts as an inline secret too (decision 13), so production configs name
     * it with an env/file reference.
     */
    public void checkNotificationChannel(String kind, JsonNode config) {
        if (!enforced || config == null) {
            return;
        }
        List<String> paths = new ArrayList<>();
        walk(config, "", paths);
        if ("webhook".equals(kind) && config.path("url").isTextual() && !paths.contains("url")) {
            paths.add(0, "url");
        }
        if (!paths.isEmpty()) {
            meters.counter("beampipe_unsafe_inline_secret_rejected", "surface", "notification_channel").increment();
            throw ApiErrors.badRequest("inline secrets are not allowed in production; use env/file secret refs for: "
                    + String.join(", ", paths));
        }
    }

    /** Whether secret values may be given inline (outside production, or with BEAMPIPE_ALLOW_INLINE_SECRETS=true). */
    public boolean inlineAllowed() {
        return !enforced;
    }

    static void walk(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            if (node.has("inline_dev")) {
                found.add(path.isEmpty() ? "inline_dev" : path);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual() && SecretKeys.isSecret(e.getKey())) {
                    found.add(child);
                } else {
                    walk(e.getValue(), child, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
        }
    }
}
