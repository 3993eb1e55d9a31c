package dev.beampipe.scheduler.gauges;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.model.tap.TapProbe;
import dev.beampipe.model.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGaugesTickTest {

    static double up(SimpleMeterRegistry meters, String dependency) {
        var g = meters.find("beampipe_dependency_up").tags("dependency", dependency).gauge();
        assertThat(g).as(dependency).isNotNull();
        return g.value();
    }

    @Test
    void postgresAndTheArchivesAreUpUnconfiguredCountsAsUpAndA503IsDown() throws Exception {
        HttpServer archive = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        archive.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/vizier") ? 503 : 200, -1);
            exchange.close();
        });
        archive.start();
        try (TestDatabase t = TestDatabase.create()) {
            String base = "http://127.0.0.1:" + archive.getAddress().getPort();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new DependencyGaugesTick(t.db(), new TapHealth(base + "/casda/tap", base + "/vizier/tap",
                    new TapProbe(Duration.ofSeconds(2)), Clock.systemUTC()), meters).run();
            assertThat(up(meters, "postgres")).isEqualTo(1);
            assertThat(up(meters, "casda")).isEqualTo(1);
            assertThat(up(meters, "vizier")).isEqualTo(0);
            assertThat(meters.find("beampipe_dependency_up").tags("dependency", "redis").gauge()).as("no Redis (decision 16)").isNull();

            SimpleMeterRegistry unconfigured = new SimpleMeterRegistry();
            new DependencyGaugesTick(t.db(), TapHealth.from(java.util.Map.of()), unconfigured).run();
            assertThat(up(unconfigured, "casda")).isEqualTo(1);
            assertThat(up(unconfigured, "vizier")).isEqualTo(1);
        } finally {
            archive.stop(0);
        }
    }

    @Test
    void anUnreachableDatabaseIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Database db = Database.open(DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + closed + "/postgres"), 1)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new DependencyGaugesTick(db, TapHealth.from(java.util.Map.of()), meters).run();
            assertThat(up(meters, "postgres")).isEqualTo(0);
            assertThat(up(meters, "casda")).isEqualTo(1);
        }
    }
}
