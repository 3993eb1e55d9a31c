package dev.beampipe.api.metrics;

import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** {@code BEAMPIPE_METRICS_PUBLIC=true} (development only; the gate refuses it in production) opens /api/v2/metrics. */
@QuarkusTest
@TestProfile(PublicMetricsTest.MetricsPublic.class)
@WithTestResource(ApiTestDatabase.class)
class PublicMetricsTest {
    public static class MetricsPublic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BEAMPIPE_METRICS_PUBLIC", "true");
        }
    }

    @Test
    void metricsNeedNoToken() {
        given().get("/api/v2/health").then().statusCode(200);
        given().get("/api/v2/metrics").then().statusCode(200).body(containsString("beampipe_api_requests_total"));
        given().get("/api/v2/diagnostics").then().statusCode(401);
    }
}
