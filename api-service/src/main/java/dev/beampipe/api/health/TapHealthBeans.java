package dev.beampipe.api.health;

import dev.beampipe.model.tap.TapAdapter;
import dev.beampipe.model.tap.TapHealth;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cached TAP probe per process (the shared {@link TapHealth}), used by {@code /health/tap}, {@code /ready} and
 * {@code /diagnostics}. Settings are read through Quarkus config, so {@code .env} and test overrides apply.
 */
@ApplicationScoped
public class TapHealthBeans {
    static final List<String> SETTINGS = List.of(TapAdapter.CASDA.envName(), TapAdapter.VIZIER.envName(),
            TapHealth.CHECK_ENABLED, TapHealth.TIMEOUT_SECONDS);

    @Produces
    @Singleton
    TapHealth tapHealth(Config config) {
        Map<String, String> env = new HashMap<>();
        for (String name : SETTINGS) {
            config.getOptionalValue(name, String.class).ifPresent(v -> env.put(name, v));
        }
        return TapHealth.from(env);
    }

    /** Starts the first probes at boot, so the first {@code /ready} already has archive states to report. */
    void warm(@Observes StartupEvent event, TapHealth tap) {
        tap.latest(Duration.ZERO);
    }
}
