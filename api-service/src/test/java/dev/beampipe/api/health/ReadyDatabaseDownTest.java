package dev.beampipe.api.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code DATABASE_URL} points at a socket that accepts connections and never answers: readiness must still
 * answer 503 within its time limit, and health stays 200.
 */
@QuarkusTest
@TestProfile(ReadyDatabaseDownTest.SilentDatabase.class)
class ReadyDatabaseDownTest {
    public static class SilentDatabase implements QuarkusTestProfile {
        static final ServerSocket SILENT = silentSocket();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "DATABASE_URL", "postgres://beampipe:not-a-real-password@127.0.0.1:" + SILENT.getLocalPort() + "/beampipe",
                    "quarkus.management.test-port", Integer.toString(freePort()));
        }

        static ServerSocket silentSocket() {
            try {
                return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aHangingDatabaseIsA503WithinTheProbeTimeout() {
        for (int attempt = 0; attempt < 2; attempt++) {
            long started = System.nanoTime();
            assertError(given().when().get("/api/v2/ready").then(), 503, "service_unavailable", "dependency_unavailable")
                    .body("failure.diagnostics.path", contains("database"))
                    .body("failure.diagnostics.code", contains("ready.database_unreachable"))
                    .body("checks.database.status", equalTo("error"))
                    .body("checks.migrations.status", equalTo("skipped"))
                    .body("checks.scheduler_leader.status", equalTo("skipped"))
                    .body("checks.workers.status", equalTo("skipped"))
                    .body("dependency_up.postgres", equalTo(0))
                    .body(not(containsString("not-a-real-password")))
                    .body(not(containsString(Integer.toString(SilentDatabase.SILENT.getLocalPort()))));
            // the first request also pays for warming up the REST stack
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(attempt == 0 ? 5_000 : 3_000);
        }
        given().when().get("/api/v2/health").then().statusCode(200);
    }
}
