package dev.beampipe.scheduler.discovery;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.model.tap.TapProbe;
import dev.beampipe.model.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery tick's TAP gate against a real HTTP archive and PostgreSQL: the reference WALLABY config requires
 * casda and vizier, so an archive answering 503 on {@code /availability} skips its automated admission
 * ({@code tap_unreachable}); a manual trigger, a disabled check and an unconfigured adapter never gate.
 */
class DiscoveryTapGateTest {
    static final String MODULE = "wallaby_hires";
    HttpServer archive;
    volatile int status = 503;
    final AtomicInteger probes = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        archive = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        archive.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/availability")) {
                probes.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        archive.start();
    }

    @AfterEach
    void stop() {
        archive.stop(0);
    }

    String tapUrl(String name) {
        return "http://127.0.0.1:" + archive.getAddress().getPort() + "/" + name + "/tap/sync";
    }

    static void wallaby(TestDatabase t, String extraAdapters) {
        String yaml = new String(ReferenceConfigs.wallaby(), StandardCharsets.UTF_8);
        if (!extraAdapters.isEmpty()) {
            yaml = yaml.replace("adapters:\n", "adapters:\n" + extraAdapters);
        }
        ParseResult.Parsed parsed = (ParseResult.Parsed) ProjectConfigValidation.parse(yaml.getBytes(StandardCharsets.UTF_8));
        new ConfigRevisions(t.db()).upload(MODULE, ModelTree.toJson(parsed.config()), "b".repeat(64), "system:test");
        for (int i = 0; i < 4; i++) {
            t.db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                    + "VALUES ($1, $2, $3, true)", Uuid7.next(), MODULE, "s" + i);
        }
    }

    TapHealth health(String casda, String vizier, boolean checkEnabled) {
        return new TapHealth(casda, vizier, new TapProbe(Duration.ofSeconds(2)), Clock.systemUTC(), checkEnabled);
    }

    static long batches(TestDatabase t) {
        return t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch'");
    }

    static long claimed(TestDatabase t) {
        return t.db().sql().count("SELECT count(*) FROM source_registry WHERE discovery_claim_token IS NOT NULL");
    }

    static double skipped(SimpleMeterRegistry meters) {
        Counter c = meters.find("beampipe_discovery_tap_skipped").tags("project_module", MODULE).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aRequiredArchiveAnswering503SkipsTheAutomatedAdmissionButNotTheManualTrigger() {
        try (TestDatabase t = TestDatabase.create()) {
            wallaby(t, "");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            DiscoveryTick tick = new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default",
                    health(tapUrl("casda"), null, true), meters);

            tick.run();
            assertThat(probes.get()).as("the archive was really asked").isEqualTo(1);
            assertThat(batches(t)).isZero();
            assertThat(claimed(t)).as("nothing claimed").isZero();
            assertThat(skipped(meters)).isEqualTo(1);

            tick.run();
            assertThat(probes.get()).as("the cached result gates the next tick").isEqualTo(1);
            assertThat(skipped(meters)).isEqualTo(2);

            // an operator asked: the manual trigger is admitted whatever the probe says
            new JobQueue(t.db()).enqueue(EnqueueRequest.of("scheduler_tick", new JsonObject().put("project_module", MODULE))
                    .withKey(DiscoveryTick.TRIGGER_PREFIX + MODULE));
            tick.runTriggers();
            assertThat(batches(t)).isEqualTo(1);
            assertThat(claimed(t)).isEqualTo(4);
            assertThat(skipped(meters)).isEqualTo(2);
        }
    }

    @Test
    void aReachableArchiveAdmits() {
        try (TestDatabase t = TestDatabase.create()) {
            wallaby(t, "");
            status = 200;
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", health(tapUrl("casda"), tapUrl("vizier"), true), meters).run();
            assertThat(probes.get()).isEqualTo(2);
            assertThat(batches(t)).isEqualTo(1);
            assertThat(skipped(meters)).isZero();
        }
    }

    @Test
    void aDisabledCheckNeverProbesOrGates() {
        try (TestDatabase t = TestDatabase.create()) {
            wallaby(t, "");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", health(tapUrl("casda"), null, false), meters).run();
            assertThat(probes.get()).isZero();
            assertThat(batches(t)).isEqualTo(1);
            assertThat(skipped(meters)).isZero();
        }
    }

    @Test
    void theProjectsOwnTapUrlIsProbedInsteadOfTheProcessUrl() {
        try (TestDatabase t = TestDatabase.create()) {
            wallaby(t, "  vizier_tap_url: " + tapUrl("project-vizier") + "\n");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            // no process-wide URL at all: without the override both adapters would be unconfigured and never gate
            new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", health(null, null, true), meters).run();
            assertThat(probes.get()).isEqualTo(1);
            assertThat(batches(t)).isZero();
            assertThat(skipped(meters)).isEqualTo(1);
        }
    }

    @Test
    void unconfiguredArchivesNeverGate() {
        try (TestDatabase t = TestDatabase.create()) {
            wallaby(t, "");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", TapHealth.from(Map.of()), meters).run();
            assertThat(batches(t)).isEqualTo(1);
            assertThat(skipped(meters)).isZero();
        }
    }
}
