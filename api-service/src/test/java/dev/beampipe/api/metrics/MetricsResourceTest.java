package dev.beampipe.api.metrics;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class MetricsResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @Test
    void needsATokenAndRendersThePrometheusTextFormat() {
        ErrorBody.assertError(given().get("/api/v2/metrics").then(), 401, "unauthorized", "authentication");
        ErrorBody.assertError(given().header("Authorization", "Bearer nope").get("/api/v2/metrics").then(), 401,
                "unauthorized", "authentication");
        given().spec(Operators.bearer(Operators.userToken(db, tokens))).get("/api/v2/health").then().statusCode(200);
        given().spec(Operators.bearer(Operators.userToken(db, tokens))).get("/api/v2/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4"))
                .body(containsString("beampipe_api_requests_total"));
    }
}
