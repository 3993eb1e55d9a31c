package dev.beampipe.model.settings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of environment variables with the reference's parsing rules (§6.1 of 10-state-and-jobs). */
public final class EnvValues {
    private final Map<String, String> env;

    public EnvValues(Map<String, String> env) {
        this.env = env;
    }

    /** An optional string: absent or empty means unset. */
    public Optional<String> string(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    /** Only 1/true/0/false (words case-insensitive); anything else is an error. */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new SettingsException(name + " must be one of 1, true, 0, false (got '" + raw.get() + "')");
        };
    }

    public long integer(String name, long defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.get().trim());
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be an integer (got '" + raw.get() + "')");
        }
    }

    /** Comma-separated, trimmed, empties dropped. */
    public List<String> list(String name, List<String> defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return Arrays.stream(raw.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code k=v,k2=v2}; both sides must be non-empty. */
    public Map<String, String> labels(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(name, List.of())) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw new SettingsException(name + " entries must look like key=value (got '" + pair + "')");
            }
            out.put(key, value);
        }
        return out;
    }
}
