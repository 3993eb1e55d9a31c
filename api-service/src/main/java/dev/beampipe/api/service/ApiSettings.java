package dev.beampipe.api.service;

import dev.beampipe.model.settings.Settings;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@link Settings} through MicroProfile Config with the environment variable names as property names:
 * in production that is the environment itself; tests supply the same names as config properties.
 */
public final class ApiSettings {
    private ApiSettings() {
    }

    public static Settings from(Config config) {
        return Settings.fromEnv(environmentView(config));
    }

    /** {@code DATABASE_URL} and every {@code BEAMPIPE_*} property, unexpanded (a password may contain '$'). */
    static Map<String, String> environmentView(Config config) {
        Map<String, String> env = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.equals("DATABASE_URL") || name.startsWith("BEAMPIPE_")) {
                String raw = config.getConfigValue(name).getRawValue();
                if (raw != null) {
                    env.put(name, raw);
                }
            }
        }
        return env;
    }

    /** A security switch, parsed like the reference's security module (1/true/yes/on). */
    public static boolean flag(Config config, String name) {
        String raw = environmentView(config).get(name);
        if (raw == null) {
            return false;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
