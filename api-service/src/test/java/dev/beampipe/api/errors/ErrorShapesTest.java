package dev.beampipe.api.errors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.model.db.Database;
import jakarta.inject.Inject;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ProbeResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Every framework rejection and unexpected failure is a JSON ApiErrorResponse with the reference's status. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ErrorShapesTest {
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

    static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    @Test
    void unknownRoutesAre404() {
        for (String path : new String[]{"/api/v2/nope", "/api/v2/health/", "/nope", "/api/v2/sources/" + UUID.randomUUID()}) {
            assertError(given().get(path).then(), 404, "not_found", "not_found")
                    .body("error", equalTo("the requested resource was not found"))
                    .body("failure.component", equalTo("api"))
                    .body("failure.retry", equalTo("after_remediation"))
                    .body("failure.operator_action", equalTo("check the resource identifier and try again"))
                    .body("failure", not(org.hamcrest.Matchers.hasKey("diagnostics")))
                    .body("failure", not(org.hamcrest.Matchers.hasKey("log_reference")));
        }
    }

    @Test
    void knownPathWithTheWrongMethodIs405WithAllow() {
        assertError(given().delete("/api/v2/health").then(), 405, "method_not_allowed", "unsupported")
                .header("Allow", "GET, HEAD");
        assertError(given().get("/api/v2/jobs").then(), 405, "method_not_allowed", "unsupported")
                .header("Allow", "POST");
    }

    @Test
    void malformedJsonIs400() {
        assertError(json("{\"kind\": ").post("/api/v2/jobs").then(), 400, "bad_request", "validation")
                .body("error", startsWith("Failed to parse the request body as JSON: "))
                .body("error", not(containsString("Source:")));
        assertError(json("{\"kind\":\"noop\"} trailing").post("/api/v2/jobs").then(), 400, "bad_request", "validation");
        assertError(json("").post("/api/v2/jobs").then(), 400, "bad_request", "validation")
                .body("error", startsWith("Failed to parse the request body as JSON"));
    }

    @Test
    void wrongShapeIs422() {
        assertError(json("{}").post("/api/v2/jobs").then(), 422, "unprocessable_entity", "validation")
                .body("error", startsWith("Failed to deserialize the JSON body into the target type: kind"));
        assertError(json("{\"kind\": null}").post("/api/v2/jobs").then(), 422, "unprocessable_entity", "validation");
        assertError(json("{\"kind\": 5}").post("/api/v2/jobs").then(), 422, "unprocessable_entity", "validation")
                .body("error", not(containsString("CoercionConfig")));
        assertError(json("{\"kind\": \"noop\", \"execution_id\": \"not-a-uuid\"}").post("/api/v2/jobs").then(),
                422, "unprocessable_entity", "validation")
                .body("error", containsString("execution_id"));
        assertError(json("[1, 2]").post("/api/v2/jobs").then(), 422, "unprocessable_entity", "validation")
                .body("error", not(containsString("dev.beampipe")));
        assertError(json("{\"kind\": \"noop\", \"payload\": [1]}").post("/api/v2/jobs").then(), 422, "unprocessable_entity", "validation");
    }

    @Test
    void unknownFieldsAre422OnStrictTypesOnly() {
        assertError(json("{\"name\": \"a\", \"count\": 1, \"extra\": true}").post("/api/v2/test-probe/strict").then(),
                422, "unprocessable_entity", "validation")
                .body("error", containsString("unknown field `extra`"));
        json("{\"name\": \"a\", \"count\": 1}").post("/api/v2/test-probe/strict").then().statusCode(200);
        assertError(json("{\"name\": \"a\", \"count\": \"1\"}").post("/api/v2/test-probe/strict").then(),
                422, "unprocessable_entity", "validation");
        // JobCreate ignores unknown fields like the reference's
        json("{\"kind\": \"noop\", \"extra\": 1}").post("/api/v2/jobs").then().statusCode(202);
    }

    @Test
    void wrongOrMissingContentTypeIs415() {
        assertError(given().contentType("text/plain").body("{\"kind\":\"noop\"}").post("/api/v2/jobs").then(),
                415, "unsupported_media_type", "validation")
                .body("error", equalTo("Expected request with `Content-Type: application/json`"));
        assertError(given().body("{\"kind\":\"noop\"}".getBytes(StandardCharsets.UTF_8)).post("/api/v2/jobs").then(),
                415, "unsupported_media_type", "validation");
    }

    @Test
    void bodiesOverTwoMebibytesAre413() {
        String big = "{\"kind\":\"noop\",\"payload\":{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}}";
        assertError(json(big).post("/api/v2/jobs").then(), 413, "payload_too_large", "validation");
        // without Content-Length (chunked): the limit still applies
        assertError(given().contentType(ContentType.JSON).body(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))
                .post("/api/v2/jobs").then(), 413, "payload_too_large", "validation");
        // just under the limit is accepted
        String fits = "{\"kind\":\"noop\",\"payload\":{\"x\":\"" + "a".repeat(2 * 1024 * 1024 - 100) + "\"}}";
        json(fits).post("/api/v2/jobs").then().statusCode(202);
    }

    @Test
    void badPathIdsAndQueryStringsAre400() {
        String item = "/api/v2/test-probe/items/";
        assertError(given().get(item + "not-a-uuid").then(), 400, "bad_request", "validation")
                .body("error", startsWith("Invalid URL: "));
        assertError(given().get(item + UUID.randomUUID() + "?limit=abc").then(), 400, "bad_request", "validation")
                .body("error", startsWith("Failed to deserialize query string: "));
        assertError(given().get(item + UUID.randomUUID() + "?flag=1").then(), 400, "bad_request", "validation");
        given().get(item + UUID.randomUUID() + "?flag=true&limit=7").then().statusCode(200)
                .body("flag", equalTo(true)).body("limit", equalTo(7));
    }

    @Test
    void unexpectedErrorsAre500WithoutTheirText() {
        assertError(given().get("/api/v2/test-probe/boom").then(), 500, "internal", "internal")
                .body(not(containsString(ProbeResource.SECRET_TEXT)))
                .body("failure.log_reference", equalTo("Beampipe API structured logs for this request"));
    }

    @Test
    void databaseErrorsAre500DatabaseErrorWithoutDriverText() {
        assertError(given().get("/api/v2/test-probe/db-boom").then(), 500, "database_error", "dependency_unavailable")
                .body("error", equalTo("the database operation failed"))
                .body("failure.component", equalTo("postgres"))
                .body("failure.retry", equalTo("safe"))
                .body("failure.log_reference", equalTo("Beampipe API structured logs for this request"))
                .body(not(containsString("no_such_table")));
    }
}
