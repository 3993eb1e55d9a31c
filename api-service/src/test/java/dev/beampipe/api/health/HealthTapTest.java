package dev.beampipe.api.health;

import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class HealthTapTest {
    @Test
    void isPublicAndReportsUnconfiguredArchives() {
        given().get("/api/v2/health/tap").then().statusCode(200)
                .body("casda", equalTo("not_configured")).body("vizier", equalTo("not_configured"))
                .body("checked_at", notNullValue());
    }
}
