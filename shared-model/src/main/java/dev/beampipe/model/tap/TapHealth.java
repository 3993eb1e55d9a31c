package dev.beampipe.model.tap;

import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.settings.EnvValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one TAP health probe of a process (decision 9), shared by {@code /health/tap}, {@code /ready},
 * {@code /diagnostics}, the discovery tick gate and {@code beampipe_dependency_up}. Results are cached per URL for
 * {@link #CACHE_FOR}, so an archive is probed at most twice a minute whatever the request rate; one probe per URL
 * at a time (callers arriving during a probe wait for it); CASDA and VizieR are probed in parallel, each bounded
 * by {@code BEAMPIPE_DISCOVERY_TAP_HEALTH_TIMEOUT_SECONDS} (default 10, clamped to 1..60).
 */
public final class TapHealth {
    public static final Duration CACHE_FOR = Duration.ofSeconds(30);
    public static final String CHECK_ENABLED = "BEAMPIPE_DISCOVERY_TAP_HEALTH_CHECK_ENABLED";
    public static final String TIMEOUT_SECONDS = "BEAMPIPE_DISCOVERY_TAP_HEALTH_TIMEOUT_SECONDS";
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "beampipe-tap-probe");
        t.setDaemon(true);
        return t;
    });

    /** Both adapters of the process-wide URLs; {@code checkedAt} is when the older of the two probes ran. */
    public record Status(TapState casda, TapState vizier, Instant checkedAt) {
        public TapState state(TapAdapter adapter) {
            return adapter == TapAdapter.CASDA ? casda : vizier;
        }

        /**
         * {@code beampipe_dependency_up}'s values (50-operations §3.2): {@code postgres}, then {@code casda} and
         * {@code vizier} (1 up or not configured, 0 down).
         */
        public Map<String, Integer> dependencyUp(boolean databaseUp) {
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("postgres", databaseUp ? 1 : 0);
            for (TapAdapter adapter : TapAdapter.values()) {
                out.put(adapter.wire(), state(adapter).up());
            }
            return out;
        }
    }

    private final Map<TapAdapter, String> envUrls = new EnumMap<>(TapAdapter.class);
    private final TapProbe probe;
    private final Clock clock;
    private final boolean checkEnabled;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public TapHealth(String casdaUrl, String vizierUrl, TapProbe probe, Clock clock, boolean checkEnabled) {
        envUrls.put(TapAdapter.CASDA, blankToNull(casdaUrl));
        envUrls.put(TapAdapter.VIZIER, blankToNull(vizierUrl));
        this.probe = probe;
        this.clock = clock;
        this.checkEnabled = checkEnabled;
    }

    public TapHealth(String casdaUrl, String vizierUrl, TapProbe probe, Clock clock) {
        this(casdaUrl, vizierUrl, probe, clock, true);
    }

    /** From the environment (no Quarkus config): the TAP URLs and the two health settings. */
    public static TapHealth from(Map<String, String> env) {
        EnvValues values = new EnvValues(env);
        long seconds = values.integer(TIMEOUT_SECONDS, 10);
        return new TapHealth(values.string(TapAdapter.CASDA.envName()).orElse(null),
                values.string(TapAdapter.VIZIER.envName()).orElse(null),
                new TapProbe(Duration.ofSeconds(Math.max(1, Math.min(seconds, 60)))), Clock.systemUTC(),
                values.bool(CHECK_ENABLED, true));
    }

    /** {@code BEAMPIPE_DISCOVERY_TAP_HEALTH_CHECK_ENABLED}: whether the discovery tick consults the probe. */
    public boolean checkEnabled() {
        return checkEnabled;
    }

    public Duration timeout() {
        return probe.timeout();
    }

    /** The process-wide URLs, refreshing a stale result (blocks at most about one probe timeout). */
    public Status status() {
        CompletableFuture<Probed> casda = probed(envUrls.get(TapAdapter.CASDA));
        CompletableFuture<Probed> vizier = probed(envUrls.get(TapAdapter.VIZIER));
        return status(casda.join(), vizier.join());
    }

    /**
     * The process-wide URLs without waiting longer than {@code wait}: a stale result triggers a refresh, and when
     * it does not finish in time the previous result stands. Empty per adapter when no probe has finished yet.
     */
    public Map<TapAdapter, Optional<TapState>> latest(Duration wait) {
        Map<TapAdapter, CompletableFuture<Probed>> running = new EnumMap<>(TapAdapter.class);
        for (TapAdapter a : TapAdapter.values()) {
            running.put(a, probed(envUrls.get(a)));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<TapAdapter, Optional<TapState>> out = new EnumMap<>(TapAdapter.class);
        for (TapAdapter a : TapAdapter.values()) {
            Optional<Probed> now = await(running.get(a), Math.max(0, deadline - System.nanoTime()));
            out.put(a, now.or(() -> previous(envUrls.get(a))).map(Probed::state));
        }
        return out;
    }

    /** Per adapter for one project: its {@code adapters.*_tap_url} override, else the process-wide URL. */
    public Map<TapAdapter, TapState> states(Adapters overrides) {
        Map<TapAdapter, CompletableFuture<Probed>> running = new EnumMap<>(TapAdapter.class);
        for (TapAdapter a : TapAdapter.values()) {
            running.put(a, probed(a.override(overrides).orElse(envUrls.get(a))));
        }
        Map<TapAdapter, TapState> out = new EnumMap<>(TapAdapter.class);
        running.forEach((a, f) -> out.put(a, f.join().state()));
        return out;
    }

    private Status status(Probed casda, Probed vizier) {
        Instant checked = casda.at().isBefore(vizier.at()) ? casda.at() : vizier.at();
        return new Status(casda.state(), vizier.state(), checked);
    }

    private CompletableFuture<Probed> probed(String url) {
        if (url == null) {
            return CompletableFuture.completedFuture(new Probed(TapState.NOT_CONFIGURED, clock.instant()));
        }
        return slots.computeIfAbsent(url, Slot::new).fresh();
    }

    private Optional<Probed> previous(String url) {
        if (url == null) {
            return Optional.of(new Probed(TapState.NOT_CONFIGURED, clock.instant()));
        }
        Slot slot = slots.get(url);
        return slot == null ? Optional.empty() : slot.last();
    }

    private static Optional<Probed> await(CompletableFuture<Probed> f, long nanos) {
        try {
            return Optional.of(f.get(nanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String blankToNull(String url) {
        return url == null || url.isBlank() ? null : url.trim();
    }

    private record Probed(TapState state, Instant at) {
    }

    /** One URL's cached result and its probe in flight, if any. */
    private final class Slot {
        private final String url;
        private Probed last;
        private CompletableFuture<Probed> inFlight;

        Slot(String url) {
            this.url = url;
        }

        synchronized CompletableFuture<Probed> fresh() {
            if (last != null && clock.instant().isBefore(last.at().plus(CACHE_FOR))) {
                return CompletableFuture.completedFuture(last);
            }
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::probeOnce, PROBES);
            }
            return inFlight;
        }

        synchronized Optional<Probed> last() {
            return Optional.ofNullable(last);
        }

        private Probed probeOnce() {
            TapState state;
            try {
                state = probe.probe(url);
            } catch (RuntimeException e) {
                state = TapState.ERROR;
            }
            Probed result = new Probed(state, clock.instant());
            synchronized (this) {
                last = result;
            }
            return result;
        }
    }
}
