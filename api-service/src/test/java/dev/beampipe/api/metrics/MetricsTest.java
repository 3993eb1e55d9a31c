package dev.beampipe.api.metrics;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.model.db.Database;
import jakarta.inject.Inject;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Route metrics on the unauthenticated management listener (BEAMPIPE_METRICS_BIND_ADDR). */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class MetricsTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @BeforeEach
    void actAsSuperuser() {
        Operators.actAsSuperuser(db, tokens);
    }

    @AfterEach
    void forgetToken() {
        Operators.reset();
    }

    static String management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://127.0.0.1:" + port + path;
    }

    static String scrape() {
        return given().accept("text/plain").when().get(management("/metrics")).then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4")).extract().asString();
    }

    /** The sample value of one series, 0 when it does not exist yet (the text format may end labels with ",}"). */
    static double sample(String metrics, String series) {
        return metrics.lines().map(l -> l.replace(",}", "}")).filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
    }

    static String requests(String method, String route, int status) {
        return "beampipe_api_requests_total{method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"}";
    }

    @Test
    void requestsAreCountedByMethodRouteAndStatusWithUuidsCollapsed() {
        String health = requests("GET", "/api/v2/health", 200);
        String item = requests("GET", "/api/v2/test-probe/items/:id", 200);
        String unmatched = requests("GET", "unmatched", 404);
        String notAllowed = requests("DELETE", "/api/v2/health", 405);
        String before = scrape();

        given().get("/api/v2/health").then().statusCode(200);
        given().get("/api/v2/test-probe/items/" + UUID.randomUUID()).then().statusCode(200);
        given().get("/api/v2/test-probe/items/" + UUID.randomUUID().toString().toUpperCase()).then().statusCode(200);
        given().get("/api/v2/no-such-route/" + UUID.randomUUID()).then().statusCode(404);
        given().delete("/api/v2/health").then().statusCode(405);

        String after = scrape();
        assertThat(sample(after, health) - sample(before, health)).isEqualTo(1.0);
        assertThat(sample(after, item) - sample(before, item)).isEqualTo(2.0);
        assertThat(sample(after, unmatched) - sample(before, unmatched)).isEqualTo(1.0);
        assertThat(sample(after, notAllowed) - sample(before, notAllowed)).isEqualTo(1.0);
        assertThat(after.replace(",}", "}"))
                .contains("beampipe_api_request_duration_seconds_count{method=\"GET\",route=\"/api/v2/health\",status=\"200\"}")
                .contains("beampipe_api_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v2/health\",status=\"200\",le=\"0.005\"}")
                .doesNotContain("no-such-route");
    }

    @Test
    void theManagementListenerAnswersHealth() {
        given().when().get(management("/health")).then().statusCode(200).body(equalTo("ok"));
    }

    @Test
    void theApiListenerDoesNotServeMetrics() {
        given().when().get("/metrics").then().statusCode(404).body("code", equalTo("not_found"));
    }
}
