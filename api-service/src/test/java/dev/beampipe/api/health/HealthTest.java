package dev.beampipe.api.health;

import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class HealthTest {
    @Test
    void healthIsOkWithoutTouchingAnything() {
        given().when().get("/api/v2/health").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("status", equalTo("ok"))
                .body("service", equalTo("beampipe-v2"));
    }
}
