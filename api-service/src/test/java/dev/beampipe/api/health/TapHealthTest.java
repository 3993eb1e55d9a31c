package dev.beampipe.api.health;

import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TapHealthTest {
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
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
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

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
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo("ok");
        status = 404;
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo("ok");
        status = 503;
        assertThat(probe.probe(url("/tap/sync"))).isEqualTo("error");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(probe.probe("http://127.0.0.1:" + closed + "/tap")).isEqualTo("error");
        assertThat(probe.probe(null)).isEqualTo("not_configured");
        assertThat(probe.probe(" ")).isEqualTo("not_configured");
    }

    @Test
    void resultsAreCachedFor30Seconds() {
        MutableClock clock = new MutableClock();
        TapHealth health = new TapHealth(url("/casda/tap/sync"), null, new TapProbe(Duration.ofSeconds(2)), clock);
        assertThat(health.status().casda()).isEqualTo("ok");
        assertThat(health.status().vizier()).isEqualTo("not_configured");
        status = 500;
        clock.now = clock.now.plusSeconds(29);
        assertThat(health.status().casda()).isEqualTo("ok");
        assertThat(hits.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(health.status().casda()).isEqualTo("error");
        assertThat(hits.get()).isEqualTo(2);
    }
}
