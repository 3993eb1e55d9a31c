package dev.beampipe.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** One cached TAP probe per process, shared by {@code /health/tap} and {@code /diagnostics}. */
@ApplicationScoped
public class TapHealthBeans {
    @Produces
    @Singleton
    TapHealth tapHealth(Config config) {
        return TapHealth.from(config);
    }
}
