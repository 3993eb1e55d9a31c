package dev.beampipe.model.tap;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.config.model.Tap;
import dev.beampipe.model.settings.SettingsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared probe against a real HTTP server: outcomes, the 30 s cache per URL, overrides, bounded waits. */
class TapHealthTest {
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final Map<String, Integer> hitsByPath = new ConcurrentHashMap<>();
    volatile int status = 200;
    volatile long delayMillis = 0;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            hitsByPath.merge(exchange.getRequestURI().getPath(), 1, Integer::sum);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/availability") ? status : 404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest
    @CsvSource({
            "https://casda.csiro.au/casda_vo_tools/tap/sync,  https://casda.csiro.au/casda_vo_tools/tap/availability",
            "https://casda.csiro.au/casda_vo_tools/tap/,      https://casda.csiro.au/casda_vo_tools/tap/availability",
            "https://tapvizier.cds.unistra.fr/TAPVizieR/tap/async, https://tapvizier.cds.unistra.fr/TAPVizieR/tap/availability"})
    void theProbeAsksTheVosiAvailabilityResource(String tap, String expected) {
        assertThat(TapProbe.availabilityUrl(tap)).isEqualTo(expected);
    }

    @Test
    void outcomesAreOkErrorOrNotConfigured() throws Exception {
        TapProbe probe = new TapProbe(Duration.ofSeconds(2));
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo(TapState.OK);
        status = 404;
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo(TapState.OK);
        status = 503;
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo(TapState.ERROR);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(probe.probe("http://127.0.0.1:" + closed + "/tap")).isEqualTo(TapState.ERROR);
        assertThat(probe.probe("not a url")).isEqualTo(TapState.ERROR);
        assertThat(probe.probe(null)).isEqualTo(TapState.NOT_CONFIGURED);
        assertThat(probe.probe(" ")).isEqualTo(TapState.NOT_CONFIGURED);
    }

    @Test
    void aHangingArchiveIsAnErrorAfterTheTimeout() {
        delayMillis = 3_000;
        long start = System.nanoTime();
        assertThat(new TapProbe(Duration.ofSeconds(1)).probe(url("/tap"))).isEqualTo(TapState.ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void resultsAreCachedFor30SecondsPerUrl() {
        MutableClock clock = new MutableClock();
        TapHealth health = new TapHealth(url("/casda/tap/sync"), null, new TapProbe(Duration.ofSeconds(2)), clock);
        TapHealth.Status first = health.status();
        assertThat(first.casda()).isEqualTo(TapState.OK);
        assertThat(first.vizier()).isEqualTo(TapState.NOT_CONFIGURED);
        assertThat(first.dependencyUp(true)).containsExactly(Map.entry("postgres", 1), Map.entry("casda", 1), Map.entry("vizier", 1));
        status = 500;
        clock.now = clock.now.plusSeconds(29);
        assertThat(health.status().casda()).isEqualTo(TapState.OK);
        assertThat(hits.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(health.status().casda()).isEqualTo(TapState.ERROR);
        assertThat(health.status().dependencyUp(true)).containsEntry("casda", 0);
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void aProjectOverrideIsProbedInsteadOfTheProcessUrlAndSharesTheCache() {
        MutableClock clock = new MutableClock();
        TapHealth health = new TapHealth(url("/env-casda/tap"), url("/env-vizier/tap"), new TapProbe(Duration.ofSeconds(2)), clock);
        Adapters overrides = new Adapters(List.of("casda"), url("/project-casda/tap/sync"), null, Tap.DEFAULT);
        Map<TapAdapter, TapState> states = health.states(overrides);
        assertThat(states).containsEntry(TapAdapter.CASDA, TapState.OK).containsEntry(TapAdapter.VIZIER, TapState.OK);
        assertThat(hitsByPath).containsOnlyKeys("/project-casda/tap/availability", "/env-vizier/tap/availability");
        health.states(overrides);
        health.states(Adapters.DEFAULT);
        assertThat(hitsByPath).containsEntry("/project-casda/tap/availability", 1).containsEntry("/env-vizier/tap/availability", 1)
                .containsEntry("/env-casda/tap/availability", 1);
    }

    @Test
    void concurrentCallersShareOneProbe() throws Exception {
        delayMillis = 500;
        TapHealth health = new TapHealth(url("/casda/tap"), url("/vizier/tap"), new TapProbe(Duration.ofSeconds(2)), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TapHealth.Status>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return health.status();
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<TapHealth.Status> f : calls) {
            assertThat(f.get().casda()).isEqualTo(TapState.OK);
        }
        pool.shutdown();
        assertThat(hits.get()).as("one probe per URL").isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("CASDA and VizieR in parallel").isLessThan(Duration.ofMillis(950));
    }

    @Test
    void latestNeverWaitsLongerThanAskedAndThenKeepsThePreviousResult() throws Exception {
        MutableClock clock = new MutableClock();
        TapHealth health = new TapHealth(url("/casda/tap"), null, new TapProbe(Duration.ofSeconds(5)), clock);
        delayMillis = 1_500;
        long start = System.nanoTime();
        Map<TapAdapter, Optional<TapState>> none = health.latest(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_000));
        assertThat(none.get(TapAdapter.CASDA)).as("no probe finished yet").isEmpty();
        assertThat(none.get(TapAdapter.VIZIER)).contains(TapState.NOT_CONFIGURED);
        assertThat(health.status().casda()).isEqualTo(TapState.OK);
        assertThat(hits.get()).as("the probe started by latest() was awaited, not repeated").isEqualTo(1);

        status = 503;
        clock.now = clock.now.plusSeconds(31);
        assertThat(health.latest(Duration.ofMillis(100)).get(TapAdapter.CASDA)).as("stale result while refreshing")
                .contains(TapState.OK);
        assertThat(health.latest(Duration.ofSeconds(3)).get(TapAdapter.CASDA)).contains(TapState.ERROR);
    }

    @Test
    void settingsComeFromTheEnvironment() {
        TapHealth defaults = TapHealth.from(Map.of());
        assertThat(defaults.checkEnabled()).isTrue();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.status().casda()).isEqualTo(TapState.NOT_CONFIGURED);
        assertThat(defaults.status().vizier()).isEqualTo(TapState.NOT_CONFIGURED);
        assertThat(defaults.status().dependencyUp(false)).containsEntry("postgres", 0);
        TapHealth off = TapHealth.from(Map.of(TapHealth.CHECK_ENABLED, "false", TapHealth.TIMEOUT_SECONDS, "600",
                "BEAMPIPE_CASDA_TAP_URL", url("/casda/tap")));
        assertThat(off.checkEnabled()).isFalse();
        assertThat(off.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(off.status().casda()).isEqualTo(TapState.OK);
        assertThatThrownBy(() -> TapHealth.from(Map.of(TapHealth.CHECK_ENABLED, "maybe")))
                .isInstanceOf(SettingsException.class).hasMessageContaining(TapHealth.CHECK_ENABLED);
    }
}
