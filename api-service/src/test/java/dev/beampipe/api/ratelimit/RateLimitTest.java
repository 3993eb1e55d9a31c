package dev.beampipe.api.ratelimit;

import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(ApiTestDatabase.class)
class RateLimitTest {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BEAMPIPE_RATE_LIMIT_REQUESTS", "5", "BEAMPIPE_RATE_LIMIT_WRITE_REQUESTS", "3",
                    "BEAMPIPE_RATE_LIMIT_PERIOD_SECONDS", "3600", "BEAMPIPE_TRUSTED_PROXY_CIDRS", "127.0.0.0/8");
        }
    }

    @Inject
    Database db;

    static int login(String clientIp) {
        return given().header("X-Forwarded-For", clientIp).contentType(ContentType.JSON)
                .body("{\"username\": \"nobody\", \"password\": \"x\"}").post("/api/v2/login").statusCode();
    }

    @Test
    void concurrentLoginsGetExactlyTheLimitThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> login("203.0.113.10"));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            // the limit counts attempts, failed ones included: 5 reach authentication (401), 7 are refused
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
        given().header("X-Forwarded-For", "203.0.113.10").contentType(ContentType.JSON).body("{}").post("/api/v2/login")
                .then().statusCode(429)
                .header("Retry-After", matchesPattern("\\d+"))
                .body("code", equalTo("rate_limit_exceeded"))
                .body("failure.class", equalTo("rate_limited"))
                .body("failure.retry", equalTo("safe"));
        // another client behind the trusted proxy has its own bucket
        assertThat(login("203.0.113.11")).isEqualTo(401);
        assertThat(db.sql().count("SELECT count(*) FROM rate_limit_counters WHERE key = '203.0.113.10:/api/v2/login'"))
                .isEqualTo(1);
    }

    @Test
    void theLimiterRunsBeforeAuthenticationAndEachPathIsItsOwnBucket() {
        String ip = "198.51.100.20";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body("{}").post("/api/v2/jobs")
                    .then().statusCode(401);
        }
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body("{}").post("/api/v2/jobs")
                .then().statusCode(429);
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body("{}").post("/api/v2/executions/x/retry/")
                .then().statusCode(matchesPatternStatus());
        // reads are never limited
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", ip).get("/api/v2/health").then().statusCode(200);
        }
    }

    private static org.hamcrest.Matcher<Integer> matchesPatternStatus() {
        return org.hamcrest.Matchers.not(equalTo(429));
    }
}
