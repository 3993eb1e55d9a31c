package dev.beampipe.api.correlation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.model.db.Database;
import jakarta.inject.Inject;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class RequestIdTest {
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

    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void aValidIncomingIdIsEchoedVerbatim() {
        given().header("x-request-id", "abc 123/XYZ").get("/api/v2/health").then()
                .statusCode(200).header("x-request-id", equalTo("abc 123/XYZ"));
    }

    @Test
    void otherwiseANewUuidV7IsAssigned() {
        given().get("/api/v2/health").then().header("x-request-id", matchesPattern(UUID_V7));
        given().header("x-request-id", "").get("/api/v2/health").then().header("x-request-id", matchesPattern(UUID_V7));
    }

    @Test
    void everyResponseCarriesIt() {
        given().get("/api/v2/nowhere").then().statusCode(404).header("x-request-id", matchesPattern(UUID_V7));
        given().delete("/api/v2/health").then().statusCode(405).header("x-request-id", matchesPattern(UUID_V7));
        given().header("x-request-id", "mine").get("/api/v2/nowhere").then().header("x-request-id", equalTo("mine"));
    }

    @Test
    void validityFollowsVisibleAsciiHeaderText() {
        assertThat(RequestId.valid("a\tb c~")).isTrue();
        assertThat(RequestId.valid("")).isFalse();
        assertThat(RequestId.valid(null)).isFalse();
        assertThat(RequestId.valid("café")).isFalse();
        assertThat(RequestId.valid("a\u0001")).isFalse();
    }
}
