package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * The reference's {@code stable_json}: the {@link CanonicalJson} string and number rules, but every
 * object's keys sorted by UTF-8 bytes at every level, whatever the insertion order (30-project-config
 * §5.6.4). This is also serde_json's default {@code to_string} of a {@code Value} (no
 * {@code preserve_order}), so it serves signatures, artifact digests and idempotency hashes.
 */
public final class StableJson {

    private StableJson() {
    }

    public static String write(JsonNode node) {
        return JsonText.write(node, true);
    }

    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(JsonNode node) {
        return Sha256.hex(bytes(node));
    }
}
