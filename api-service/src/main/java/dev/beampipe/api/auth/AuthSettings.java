package dev.beampipe.api.auth;

import dev.beampipe.model.security.JwtSecretRule;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code BEAMPIPE_JWT_SECRET} (required, never defaulted, refused when weak in every environment),
 * {@code BEAMPIPE_ACCESS_TOKEN_EXPIRE_MINUTES} (30) and {@code BEAMPIPE_REFRESH_TOKEN_EXPIRE_DAYS} (7).
 */
public record AuthSettings(byte[] secret, Duration accessTtl, Duration refreshTtl) {

    public static AuthSettings from(Config config) {
        String secret = config.getOptionalValue("BEAMPIPE_JWT_SECRET", String.class).orElse(null);
        String environment = config.getOptionalValue("BEAMPIPE_ENV", String.class).orElse("development");
        JwtSecretRule.problem(secret, environment).ifPresent(problem -> {
            throw new IllegalStateException("security validation failed:\n  - " + problem);
        });
        long accessMinutes = positive(config, "BEAMPIPE_ACCESS_TOKEN_EXPIRE_MINUTES", 30);
        long refreshDays = positive(config, "BEAMPIPE_REFRESH_TOKEN_EXPIRE_DAYS", 7);
        return new AuthSettings(secret.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(accessMinutes),
                Duration.ofDays(refreshDays));
    }

    private static long positive(Config config, String name, long fallback) {
        String raw = config.getOptionalValue(name, String.class).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalStateException(name + " must be a positive integer (got '" + raw + "')");
    }

    @Override
    public String toString() {
        return "AuthSettings[secret=[REDACTED], accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + "]";
    }
}
