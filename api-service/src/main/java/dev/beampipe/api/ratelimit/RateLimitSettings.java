package dev.beampipe.api.ratelimit;

import org.eclipse.microprofile.config.Config;

import java.util.List;

/**
 * Decision 16: PostgreSQL counters, no Redis. {@code BEAMPIPE_RATE_LIMIT_REQUESTS} per
 * {@code BEAMPIPE_RATE_LIMIT_PERIOD_SECONDS} (defaults 10 per 60 s) limits login, refresh and logout per client IP;
 * {@code BEAMPIPE_RATE_LIMIT_WRITE_REQUESTS} (default 120 per the same period) limits the other sensitive writes,
 * so a real operator's scripts are not locked out. {@code BEAMPIPE_RATE_LIMIT_ENABLED=false} turns it off.
 */
public record RateLimitSettings(boolean enabled, int authRequests, int writeRequests, int periodSeconds, List<Cidr> trustedProxies) {

    public static RateLimitSettings from(Config config) {
        boolean enabled = !"false".equalsIgnoreCase(config.getOptionalValue("BEAMPIPE_RATE_LIMIT_ENABLED", String.class).orElse("true").trim());
        return new RateLimitSettings(enabled,
                positive(config, "BEAMPIPE_RATE_LIMIT_REQUESTS", 10),
                positive(config, "BEAMPIPE_RATE_LIMIT_WRITE_REQUESTS", 120),
                positive(config, "BEAMPIPE_RATE_LIMIT_PERIOD_SECONDS", 60),
                Cidr.parseList(config.getOptionalValue("BEAMPIPE_TRUSTED_PROXY_CIDRS", String.class).orElse("")));
    }

    public int limit(SensitiveRoutes.Group group) {
        return group == SensitiveRoutes.Group.AUTH ? authRequests : writeRequests;
    }

    private static int positive(Config config, String name, int fallback) {
        String raw = config.getOptionalValue(name, String.class).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a positive integer (got '" + raw + "')");
    }
}
