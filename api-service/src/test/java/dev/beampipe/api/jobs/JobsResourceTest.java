package dev.beampipe.api.jobs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class JobsResourceTest {
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

    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z";
    @Inject
    Database db;

    static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v2/jobs");
    }

    @Test
    void enqueuesAJobAndReturnsItsRow() {
        Response response = given().contentType(ContentType.JSON).header("x-request-id", "req-jobs-1")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .body("{\"kind\": \"discover_batch\", \"payload\": {\"project_module\": \"wallaby_hires\"}}")
                .when().post("/api/v2/jobs");
        response.then().statusCode(202)
                .header("x-request-id", "req-jobs-1")
                .body("uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("kind", equalTo("discover_batch"))
                .body("status", equalTo("queued"))
                .body("payload.project_module", equalTo("wallaby_hires"))
                .body("payload.correlation_id", equalTo("req-jobs-1"))
                .body("payload.traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .body("execution_id", nullValue())
                .body("phase", nullValue())
                .body("attempts", equalTo(0))
                .body("max_attempts", equalTo(3))
                .body("next_run_at", matchesPattern(TIMESTAMP))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("locked_until", nullValue())
                .body("idempotency_key", nullValue())
                .body("last_error", nullValue())
                .body("updated_at", nullValue());
        UUID id = UUID.fromString(response.path("uuid"));
        assertThat(db.sql().first("SELECT pool || '/' || required_capability FROM jobs WHERE uuid = $1", r -> r.getString(0), id))
                .contains("default/casda-discovery");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheExistingJob() {
        String key = "debug-" + UUID.randomUUID();
        String first = post("{\"kind\": \"noop\", \"idempotency_key\": \"" + key + "\", \"payload\": {\"n\": 1}}")
                .then().statusCode(202).body("idempotency_key", equalTo(key)).extract().path("uuid");
        // kind and payload differ: the existing row still wins, as in the reference
        post("{\"kind\": \"other\", \"idempotency_key\": \"" + key + "\", \"payload\": {\"n\": 2}}")
                .then().statusCode(202)
                .body("uuid", equalTo(first))
                .body("kind", equalTo("noop"))
                .body("payload.n", equalTo(1))
                .body("updated_at", matchesPattern(TIMESTAMP));
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE idempotency_key = $1", key)).isEqualTo(1);
    }

    @Test
    void payloadKeysAreNeverOverwrittenAndSecretsAreRedactedInTheResponseOnly() {
        Response response = post("{\"kind\": \"noop\", \"payload\": {\"correlation_id\": \"mine\", \"zeta\": 1, "
                + "\"alpha\": {\"api_token\": \"s3cr3t\", \"ssh_credential\": \"slot-a\"}, \"url\": \"https://x/?token=abc&y=1\"}}");
        response.then().statusCode(202)
                .body("payload.correlation_id", equalTo("mine"))
                .body("payload.alpha.api_token", equalTo("[REDACTED]"))
                .body("payload.alpha.ssh_credential", equalTo("slot-a"))
                .body("payload.url", equalTo("https://x/?token=[REDACTED]&y=1"));
        assertThat(response.asString()).contains("\"payload\":{\"alpha\":").doesNotContain("s3cr3t");
        UUID id = UUID.fromString(response.path("uuid"));
        assertThat(db.sql().first("SELECT payload->'alpha'->>'api_token' FROM jobs WHERE uuid = $1", r -> r.getString(0), id))
                .contains("s3cr3t");
    }

    @Test
    void absentOrNullPayloadIsAnEmptyObjectAndSuffixedJsonIsAccepted() {
        post("{\"kind\": \"noop\", \"payload\": null}").then().statusCode(202).body("payload.size()", equalTo(1));
        given().contentType("application/vnd.beampipe+json; charset=utf-8").body("{\"kind\": \"noop\"}")
                .when().post("/api/v2/jobs").then().statusCode(202).body("payload.correlation_id", matchesPattern(".+"));
    }

    @Test
    void executionLinksAreCheckedByTheDatabase() {
        String execution = UUID.randomUUID().toString();
        // a foreign-key violation is the request's fault: 409, not the reference's 500 (docs/differences.md)
        post("{\"kind\": \"noop\", \"execution_id\": \"" + execution + "\"}").then().statusCode(409)
                .body("code", equalTo("conflict"));
    }

    @Test
    void kindsTheQueueRejectsAre400() {
        post("{\"kind\": \"\"}").then().statusCode(400).body("code", equalTo("bad_request"));
        String shape = "job kind must be 1-64 characters: lowercase letters, digits and underscores, starting with a letter";
        post("{\"kind\": \"" + "k".repeat(65) + "\"}").then().statusCode(400).body("error", equalTo(shape));
        post("{\"kind\": \"'; DROP TABLE jobs; --\"}").then().statusCode(400).body("error", equalTo(shape));
        post("{\"kind\": \"Noop\"}").then().statusCode(400).body("error", equalTo(shape));
    }
}
