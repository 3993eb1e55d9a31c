package dev.beampipe.api.cors;

import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The test profile leaves BEAMPIPE_CORS_ALLOW_ORIGINS unset: the permissive development policy. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class CorsTest {

    @Test
    void preflightsAreAnsweredBeforeAuthenticationWithARequestId() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/api/v2/executions").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", CorsRoute.ALLOW_METHODS)
                .header("Access-Control-Allow-Headers", "authorization, content-type")
                .header("x-request-id", notNullValue());
    }

    @Test
    void simpleRequestsGetTheOriginHeaderEvenOnErrors() {
        given().header("Origin", "http://localhost:3000").get("/api/v2/health").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*");
        given().header("Origin", "http://localhost:3000").get("/api/v2/user/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", "*").body("code", equalTo("unauthorized"));
    }
}
