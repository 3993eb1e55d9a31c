package dev.beampipe.model.config.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.text.UnicodeText;
import dev.beampipe.model.canonical.CanonicalJson;

import java.util.Optional;

/**
 * The value coercions of 30-project-config §4.2, with the reference's text semantics (§9.4): trimming and
 * blank checks use the Unicode White_Space property (Rust {@code str::trim}), case mapping is ASCII-only.
 */
public final class Coercion {

    private Coercion() {
    }

    /**
     * String form: a string trimmed (blank → none); a number as serde_json number text; a boolean as
     * {@code true}/{@code false}; null, arrays and objects → none.
     */
    public static Optional<String> stringForm(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            String t = trim(value.textValue());
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
        if (value.isNumber()) {
            return Optional.of(CanonicalJson.numberText(value));
        }
        if (value.isBoolean()) {
            return Optional.of(String.valueOf(value.booleanValue()));
        }
        return Optional.empty();
    }

    /** Empty: null (or absent), a blank string, an empty array or object. Numbers and booleans never are. */
    public static boolean isEmpty(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isTextual()) {
            return trim(value.textValue()).isEmpty();
        }
        if (value.isArray() || value.isObject()) {
            return value.isEmpty();
        }
        return false;
    }

    /** Rust's {@code str::trim} (Unicode White_Space): the one shared definition. */
    public static String trim(String s) {
        return UnicodeText.trim(s);
    }

    public static boolean isBlank(String s) {
        return UnicodeText.isBlank(s);
    }

    public static String asciiLowercase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    public static String asciiUppercase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }

    public static boolean asciiEqualsIgnoreCase(String a, String b) {
        return a.length() == b.length() && asciiLowercase(a).equals(asciiLowercase(b));
    }
}
