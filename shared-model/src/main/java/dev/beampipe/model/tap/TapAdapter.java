package dev.beampipe.model.tap;

import dev.beampipe.model.config.model.Adapters;

import java.util.Optional;

/** The two archive adapters a project may list in {@code adapters.required}, with where their URL comes from. */
public enum TapAdapter {
    CASDA("casda", "BEAMPIPE_CASDA_TAP_URL"),
    VIZIER("vizier", "BEAMPIPE_VIZIER_TAP_URL");

    private final String wire;
    private final String envName;

    TapAdapter(String wire, String envName) {
        this.wire = wire;
        this.envName = envName;
    }

    /** The name used in {@code adapters.required}, in API bodies and in the {@code dependency} label. */
    public String wire() {
        return wire;
    }

    public String envName() {
        return envName;
    }

    /** The project's own URL override ({@code adapters.casda_tap_url} / {@code vizier_tap_url}), when set. */
    public Optional<String> override(Adapters adapters) {
        if (adapters == null) {
            return Optional.empty();
        }
        String url = this == CASDA ? adapters.casdaTapUrl() : adapters.vizierTapUrl();
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    public static Optional<TapAdapter> byWire(String name) {
        for (TapAdapter a : values()) {
            if (a.wire.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
