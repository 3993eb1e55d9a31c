package dev.beampipe.model.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one JWT-secret rule of doctor, {@code security check}, service startup and setup (50-operations §1.9,
 * decision 12): at least 32 bytes in every environment and none of the union of the reference's placeholder
 * lists (compared trimmed and case-insensitively). There is no static default.
 */
public final class JwtSecretRule {
    public static final int MIN_BYTES = 32;
    public static final Set<String> KNOWN_PLACEHOLDERS = Set.of(
            "change-me",
            "secret-key",
            "local-dev-jwt-secret-change-me",
            "replace-with-at-least-32-random-characters",
            "change-me-to-at-least-32-random-characters");

    private JwtSecretRule() {
    }

    /** The problem with {@code secret} in {@code environment}, or empty when it is acceptable. */
    public static Optional<String> problem(String secret, String environment) {
        if (secret == null || secret.isEmpty()) {
            return Optional.of("BEAMPIPE_JWT_SECRET is not set; set a unique secret of at least " + MIN_BYTES + " characters");
        }
        if (KNOWN_PLACEHOLDERS.contains(secret.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("BEAMPIPE_JWT_SECRET is a known development default; set a unique secret for production");
        }
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_BYTES) {
            return Optional.of("BEAMPIPE_JWT_SECRET must be at least " + MIN_BYTES + " characters in " + environment
                    + " (got " + length + ")");
        }
        return Optional.empty();
    }
}
