package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * Compact serde_json text of a tree whose object keys are written in the node's insertion order: the caller
 * inserts struct keys in declaration order and free-form map keys in UTF-8 byte order (30-project-config
 * §5.5). Strings are serde-escaped (only {@code "}, {@code \} and U+0000..U+001F; everything else raw
 * UTF-8); numbers follow {@link FloatText}. The text is encoded as UTF-8 (a lone surrogate, which no Rust
 * string can hold, becomes {@code ?}).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(JsonNode node) {
        return JsonText.write(node, false);
    }

    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(JsonNode node) {
        return Sha256.hex(bytes(node));
    }

    /** serde_json's text for one JSON number (integers plain, floats as {@link FloatText}). */
    public static String numberText(JsonNode number) {
        if (!number.isNumber()) {
            throw new IllegalArgumentException("not a number: " + number.getNodeType());
        }
        return JsonText.number(number);
    }
}
