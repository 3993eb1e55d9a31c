package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.alerts.ChannelDelivery;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Notification channels over HTTP: redaction, the [REDACTED] merge, real webhook test deliveries, errors that change nothing. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class NotificationChannelsResourceTest {
    static final String PATH_SECRET = "chan-path-secret-5e1c";
    static final String HEADER_SECRET = "chan-header-secret-0b7d";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Database db;
    @Inject
    Tokens tokens;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        Operators.actAsSuperuser(db, tokens);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        Operators.reset();
        receiver.close();
    }

    static String webhook(String name, String url, String template) {
        return "{\"name\": \"" + name + "\", \"kind\": \"webhook\", \"config\": {\"url\": \"" + url + "\", \"template\": \""
                + template + "\", \"headers\": {\"Authorization\": \"Bearer " + HEADER_SECRET + "\", \"X-Team\": \"ops\"}}}";
    }

    String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v2/notification-channels")
                .then().statusCode(201).extract().path("uuid");
    }

    JsonNode stored(String id) throws Exception {
        return JSON.readTree(db.sql().first("SELECT config::text FROM notification_channels WHERE uuid = $1",
                r -> r.getString(0), UUID.fromString(id)).orElseThrow());
    }

    long count(String table) {
        return db.sql().count("SELECT count(*) FROM " + table);
    }

    @Test
    void aWebhookChannelIsRedactedMergedAndReallyDelivered() throws Exception {
        String name = RepoFiles.unique("hook-");
        Response created = given().contentType(ContentType.JSON)
                .body(webhook(name, receiver.url("/hooks/" + PATH_SECRET), "generic")).post("/api/v2/notification-channels");
        created.then().statusCode(201)
                .body("name", equalTo(name)).body("kind", equalTo("webhook")).body("enabled", equalTo(true))
                .body("config.url", equalTo("[REDACTED]"))
                .body("config.headers.Authorization", equalTo("[REDACTED]"))
                .body("config.headers.X-Team", equalTo("ops"))
                .body("secret_fields", contains("headers.Authorization", "url"))
                .body("configured_fields", contains("headers", "template", "url"))
                .body("updated_at", nullValue());
        assertThat(created.asString()).doesNotContain(PATH_SECRET).doesNotContain(HEADER_SECRET);
        String id = created.path("uuid");
        String list = given().get("/api/v2/notification-channels").then().statusCode(200)
                .body("name", hasItem(name)).extract().asString();
        assertThat(list).doesNotContain(PATH_SECRET).doesNotContain(HEADER_SECRET);

        // the editor sends the redacted values back: the stored secrets are kept, the rest is merged
        given().contentType(ContentType.JSON).body("{\"enabled\": false, \"config\": {\"url\": \"[REDACTED]\", \"template\": \"slack\", "
                        + "\"headers\": {\"Authorization\": \"[REDACTED]\", \"X-Team\": null, \"X-New\": \"1\"}}}")
                .patch("/api/v2/notification-channels/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("config.template", equalTo("slack"))
                .body("config.headers.X-New", equalTo("1")).body("config.headers.X-Team", nullValue());
        JsonNode config = stored(id);
        assertThat(config.get("url").asText()).isEqualTo(receiver.url("/hooks/" + PATH_SECRET));
        assertThat(config.at("/headers/Authorization").asText()).isEqualTo("Bearer " + HEADER_SECRET);
        assertThat(config.at("/headers").has("X-Team")).isFalse();

        Response test = given().post("/api/v2/notification-channels/" + id + "/test");
        test.then().statusCode(200).body("status", equalTo("sent")).body("error", nullValue());
        assertThat(receiver.received).hasSize(1);
        WebhookReceiver.Received hit = receiver.received.get(0);
        assertThat(hit.method()).isEqualTo("POST");
        assertThat(hit.path()).isEqualTo("/hooks/" + PATH_SECRET);
        assertThat(hit.header("Authorization")).isEqualTo("Bearer " + HEADER_SECRET);
        assertThat(hit.header("X-New")).isEqualTo("1");
        assertThat(hit.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(hit.body()).get("text").asText()).isEqualTo("*info* [test]\nBeampipe test notification");

        String deliveryId = test.path("delivery_id");
        assertThat(db.sql().first("SELECT status || ' ' || channel_id::text || ' ' || (rule_id IS NULL)::text FROM alert_deliveries WHERE uuid = $1",
                r -> r.getString(0), UUID.fromString(deliveryId))).contains("sent " + id + " true");
        String deliveries = given().get("/api/v2/alert-deliveries").then().statusCode(200)
                .body("find { it.uuid == '" + deliveryId + "' }.payload.summary", equalTo("Beampipe test notification"))
                .body("find { it.uuid == '" + deliveryId + "' }.channel_id", equalTo(id))
                .extract().asString();
        assertThat(deliveries).doesNotContain(PATH_SECRET).doesNotContain(HEADER_SECRET);
    }

    @Test
    void failedDeliveriesAreRecordedNotThrown() throws Exception {
        receiver.status = 500;
        String generic = create(webhook(RepoFiles.unique("hook-"), receiver.url("/x/" + PATH_SECRET), "generic"));
        given().post("/api/v2/notification-channels/" + generic + "/test").then().statusCode(200)
                .body("status", equalTo("failed")).body("error", equalTo("HTTP 500"));
        assertThat(JSON.readTree(receiver.received.get(0).body()).get("alert").asText()).isEqualTo("test");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String refused = create(webhook(RepoFiles.unique("hook-"), "http://127.0.0.1:" + closed + "/" + PATH_SECRET, "pagerduty"));
        Response r = given().post("/api/v2/notification-channels/" + refused + "/test");
        r.then().statusCode(200).body("status", equalTo("failed"));
        assertThat(r.asString()).doesNotContain(PATH_SECRET);

        String email = create("{\"name\": \"" + RepoFiles.unique("mail-") + "\", \"kind\": \"email\", \"config\": "
                + "{\"smtp_host\": \"smtp.example\", \"to\": [\"ops@example.org\"], \"password\": \"smtp-pw\"}}");
        given().post("/api/v2/notification-channels/" + email + "/test").then().statusCode(200)
                .body("status", equalTo("failed")).body("error", equalTo(ChannelDelivery.EMAIL_UNAVAILABLE));
        given().get("/api/v2/notification-channels").then()
                .body("find { it.uuid == '" + email + "' }.config.password", equalTo("[REDACTED]"))
                .body("find { it.uuid == '" + email + "' }.config.smtp_host", equalTo("smtp.example"));
        assertThat(db.sql().count("SELECT count(*) FROM alert_deliveries WHERE channel_id IN ($1, $2, $3) AND status = 'failed'",
                UUID.fromString(generic), UUID.fromString(refused), UUID.fromString(email))).isEqualTo(3);
    }

    @Test
    void badInputIsA400AndChangesNothing() throws Exception {
        String id = create(webhook(RepoFiles.unique("hook-"), "https://hooks.example/keep", "generic"));
        long channels = count("notification_channels");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"x-sms\", \"kind\": \"sms\", \"config\": {}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation")
                .body("error", equalTo("kind must be webhook or email"));
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"x-nourl\", \"kind\": \"webhook\", \"config\": {\"template\": \"slack\"}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"x-mail\", \"kind\": \"email\", \"config\": {\"to\": []}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation")
                .body("error", equalTo("email channels need a config.smtp_host string"));
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"x-missing\", \"kind\": \"webhook\"}")
                .post("/api/v2/notification-channels").then(), 422, "unprocessable_entity", "validation");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \" \", \"kind\": \"webhook\", \"config\": {\"url\": \"https://h\"}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation");
        // removing the url of a webhook by PATCH is refused; the stored config is unchanged
        assertError(given().contentType(ContentType.JSON).body("{\"config\": {\"url\": null}}")
                .patch("/api/v2/notification-channels/" + id).then(), 400, "bad_request", "validation");
        assertThat(stored(id).get("url").asText()).isEqualTo("https://hooks.example/keep");
        assertThat(count("notification_channels")).isEqualTo(channels);

        assertError(given().contentType(ContentType.JSON).body("{\"enabled\": true}")
                .patch("/api/v2/notification-channels/" + UUID.randomUUID()).then(), 404, "not_found", "not_found");
        assertError(given().post("/api/v2/notification-channels/" + UUID.randomUUID() + "/test").then(), 400, "bad_request", "validation")
                .body("error", equalTo("delivery failed: channel not found"));
        given().delete("/api/v2/notification-channels/" + id).then().statusCode(204);
        assertError(given().delete("/api/v2/notification-channels/" + id).then(), 404, "not_found", "not_found");
    }

    @Test
    void renamingOntoATakenNameIsAConflictAndChangesNothing() {
        String taken = RepoFiles.unique("taken-");
        create(webhook(taken, "https://hooks.example/a", "generic"));
        String other = create(webhook(RepoFiles.unique("other-"), "https://hooks.example/b", "generic"));
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"" + taken + "\"}")
                .patch("/api/v2/notification-channels/" + other).then(), 409, "conflict", "inconsistent_state");
        given().get("/api/v2/notification-channels").then().body("find { it.uuid == '" + other + "' }.name", startsWith("other-"));
    }

    @Test
    void theServedSpecDocumentsTheOperations() {
        given().get("/api/v2/openapi.json").then().statusCode(200)
                .body("paths.'/api/v2/notification-channels/{id}/test'.post.operationId", equalTo("test_notification_channel"))
                .body("paths.'/api/v2/project-configs/{id}/wasm/{sha256}'.get.parameters.name", hasItem("download"))
                .body("paths.'/api/v2/alert-deliveries'.get.parameters.name", hasItem("limit"));
    }

    @Test
    void concurrentCreatesOfOneNameGiveOne201AndConflicts() throws Exception {
        String body = webhook(RepoFiles.unique("race-"), "https://hooks.example/r", "generic");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(threads.submit(() -> {
                go.await();
                return given().contentType(ContentType.JSON).body(body).post("/api/v2/notification-channels").statusCode();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : calls) {
            statuses.add(f.get());
        }
        threads.shutdown();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }
}
