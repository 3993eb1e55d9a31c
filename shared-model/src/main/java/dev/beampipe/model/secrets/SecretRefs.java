package dev.beampipe.model.secrets;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Secret references (20-api §5.3): {@code {"env": NAME}} | {@code {"file": PATH}} | {@code {"inline_dev": VALUE}},
 * first match wins, extra keys tolerated. A bare string is a value only where inline secrets are allowed.
 * Error messages name the variable or file, never a value.
 */
public final class SecretRefs {
    private SecretRefs() {
    }

    public static boolean isRef(JsonNode node) {
        return node != null && node.isObject() && (node.has("env") || node.has("file") || node.has("inline_dev"));
    }

    /** The resolved value; {@code null} for an absent or JSON-null value. */
    public static String resolve(JsonNode node, boolean inlineAllowed, Function<String, String> env) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            if (!inlineAllowed) {
                throw new SecretRefException("inline secret values are not allowed in production; use an env or file secret ref");
            }
            return node.textValue();
        }
        if (node.isObject() && node.hasNonNull("env")) {
            String name = node.get("env").asText();
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw new SecretRefException("environment variable " + name + " is not set or blank");
            }
            return value;
        }
        if (node.isObject() && node.hasNonNull("file")) {
            String path = node.get("file").asText();
            String value;
            try {
                value = Files.readString(Path.of(path), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException | RuntimeException e) {
                throw new SecretRefException("secret file " + path + " cannot be read");
            }
            if (value.isEmpty()) {
                throw new SecretRefException("secret file " + path + " is empty");
            }
            return value;
        }
        if (node.isObject() && node.has("inline_dev")) {
            if (!inlineAllowed) {
                throw new SecretRefException("inline_dev secret refs are not allowed in production");
            }
            String value = node.get("inline_dev").asText("");
            if (value.isBlank()) {
                throw new SecretRefException("inline_dev secret ref is blank");
            }
            return value;
        }
        throw new SecretRefException("expected a string or an {\"env\"}/{\"file\"} secret reference");
    }

    public static final class SecretRefException extends RuntimeException {
        public SecretRefException(String message) {
            super(message, null, false, false);
        }
    }
}
