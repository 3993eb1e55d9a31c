package dev.beampipe.api.health;

import dev.beampipe.model.tap.TapAdapter;
import dev.beampipe.model.tap.TapState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dependency part of {@code /ready}: the archives' states ({@code ok | error | not_configured}, or
 * {@code unknown} until the first probe of the process finished) and {@code beampipe_dependency_up}'s values
 * ({@code postgres}, {@code casda}, {@code vizier}; an archive without a finished probe is left out). The archives
 * are informational: they never make {@code /ready} fail (20-api §2.1).
 */
public record ReadyDependencies(String tapCasda, String tapVizier, Map<String, Integer> dependencyUp) {
    static final String UNKNOWN = "unknown";

    public static ReadyDependencies of(boolean databaseUp, Map<TapAdapter, Optional<TapState>> tap) {
        Map<String, Integer> up = new LinkedHashMap<>();
        up.put("postgres", databaseUp ? 1 : 0);
        for (TapAdapter adapter : TapAdapter.values()) {
            tap.getOrDefault(adapter, Optional.empty()).ifPresent(state -> up.put(adapter.wire(), state.up()));
        }
        return new ReadyDependencies(wire(tap, TapAdapter.CASDA), wire(tap, TapAdapter.VIZIER), up);
    }

    private static String wire(Map<TapAdapter, Optional<TapState>> tap, TapAdapter adapter) {
        return tap.getOrDefault(adapter, Optional.empty()).map(TapState::wire).orElse(UNKNOWN);
    }
}
