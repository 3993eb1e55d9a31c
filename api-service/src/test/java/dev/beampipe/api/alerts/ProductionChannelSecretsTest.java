package dev.beampipe.api.alerts;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** In production a channel's secrets, the webhook url included, must be env/file references (20-api §5.2, decision 13). */
@QuarkusTest
@TestProfile(ProductionChannelSecretsTest.Production.class)
@WithTestResource(ApiTestDatabase.class)
class ProductionChannelSecretsTest {
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BEAMPIPE_ENV", "production", "BEAMPIPE_CORS_ALLOW_ORIGINS", "https://console.example.test");
        }
    }

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @BeforeEach
    void setUp() {
        Operators.actAsSuperuser(db, tokens);
    }

    @AfterEach
    void tearDown() {
        Operators.reset();
    }

    @Test
    void inlineSecretsAndPlainUrlsAreRefusedAndNotStored() {
        String name = RepoFiles.unique("prod-");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"kind\": \"webhook\", \"config\": "
                        + "{\"url\": \"https://hooks.example/T0/B0/x\", \"headers\": {\"Authorization\": \"Bearer x\", \"X-Ref\": {\"inline_dev\": \"y\"}}}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation")
                .body("error", equalTo("inline secrets are not allowed in production; use env/file secret refs for: "
                        + "url, headers.Authorization, headers.X-Ref"));
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"kind\": \"email\", \"config\": "
                        + "{\"smtp_host\": \"smtp.example\", \"password\": \"pw\"}}")
                .post("/api/v2/notification-channels").then(), 400, "bad_request", "validation")
                .body("error", equalTo("inline secrets are not allowed in production; use env/file secret refs for: password"));
        assertThat(db.sql().count("SELECT count(*) FROM notification_channels WHERE name = $1", name)).isZero();
    }

    @Test
    void referencesAreAcceptedAndResolvedAtSendTime(@TempDir Path dir) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Path url = Files.writeString(dir.resolve("hook-url"), receiver.url("/from-file") + "\n");
            String id = given().contentType(ContentType.JSON).body("{\"name\": \"" + RepoFiles.unique("prod-") + "\", \"kind\": \"webhook\", "
                            + "\"config\": {\"url\": {\"file\": \"" + url + "\"}, \"headers\": {\"Authorization\": {\"env\": \"BEAMPIPE_UNSET_HOOK_TOKEN\"}}}}")
                    .post("/api/v2/notification-channels").then().statusCode(201)
                    .body("config.url", equalTo("[REDACTED]")).extract().path("uuid");
            // the env var is not set: the delivery fails with a reason naming the variable, nothing is sent
            given().post("/api/v2/notification-channels/" + id + "/test").then().statusCode(200)
                    .body("status", equalTo("failed")).body("error", startsWith("secret reference: environment variable BEAMPIPE_UNSET_HOOK_TOKEN"));
            assertThat(receiver.received).isEmpty();
            // a PATCH that drops the header makes the delivery go through the file-referenced url
            given().contentType(ContentType.JSON).body("{\"config\": {\"headers\": null}}").patch("/api/v2/notification-channels/" + id)
                    .then().statusCode(200);
            given().post("/api/v2/notification-channels/" + id + "/test").then().statusCode(200).body("status", equalTo("sent"));
            assertThat(receiver.received).hasSize(1);
            assertThat(receiver.received.get(0).path()).isEqualTo("/from-file");
            // a plain url sent by PATCH is refused too
            assertError(given().contentType(ContentType.JSON).body("{\"config\": {\"url\": \"https://plain.example\"}}")
                    .patch("/api/v2/notification-channels/" + id).then(), 400, "bad_request", "validation");
        }
    }
}
