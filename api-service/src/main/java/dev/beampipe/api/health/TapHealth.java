package dev.beampipe.api.health;

import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The CASDA and VizieR probes behind {@code /health/tap} and {@code /diagnostics}, cached for 30 s (decision 9)
 * so the archives are probed at most twice a minute whatever the request rate. Both probes run in parallel, each
 * bounded by {@code BEAMPIPE_DISCOVERY_TAP_HEALTH_TIMEOUT_SECONDS} (default 10). One refresh at a time: callers
 * arriving during a refresh wait for it instead of probing again.
 */
public final class TapHealth {
    public static final Duration CACHE_FOR = Duration.ofSeconds(30);

    public record Status(String casda, String vizier, Instant checkedAt) {
    }

    private final String casdaUrl;
    private final String vizierUrl;
    private final TapProbe probe;
    private final Clock clock;
    private Status cached;

    public TapHealth(String casdaUrl, String vizierUrl, TapProbe probe, Clock clock) {
        this.casdaUrl = casdaUrl;
        this.vizierUrl = vizierUrl;
        this.probe = probe;
        this.clock = clock;
    }

    public static TapHealth from(Config config) {
        long seconds = config.getOptionalValue("BEAMPIPE_DISCOVERY_TAP_HEALTH_TIMEOUT_SECONDS", Long.class).orElse(10L);
        return new TapHealth(config.getOptionalValue("BEAMPIPE_CASDA_TAP_URL", String.class).orElse(null),
                config.getOptionalValue("BEAMPIPE_VIZIER_TAP_URL", String.class).orElse(null),
                new TapProbe(Duration.ofSeconds(Math.max(1, Math.min(seconds, 60)))), Clock.systemUTC());
    }

    public synchronized Status status() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.checkedAt().plus(CACHE_FOR))) {
            CompletableFuture<String> casda = new CompletableFuture<>();
            Thread probeThread = new Thread(() -> casda.complete(probe.probe(casdaUrl)), "beampipe-tap-probe");
            probeThread.setDaemon(true);
            probeThread.start();
            String vizier = probe.probe(vizierUrl);
            cached = new Status(casda.join(), vizier, clock.instant());
        }
        return cached;
    }
}
