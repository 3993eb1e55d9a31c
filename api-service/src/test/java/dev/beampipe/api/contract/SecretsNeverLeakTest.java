package dev.beampipe.api.contract;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.ResponseCapture;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 6. Runs last in the module: plants secrets in a deployment profile, a notification channel,
 * a job payload and the settings, reads everything back through the API, then greps every response the whole
 * suite received ({@link ResponseCapture}) and every log line ({@code target/quarkus-test.log}) for them.
 */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
@Order(Integer.MAX_VALUE)
class SecretsNeverLeakTest {
    static final String PROFILE_SECRET = "planted-profile-secret-8c2b";
    static final String CHANNEL_HEADER_SECRET = "planted-channel-header-secret-41aa";
    static final String CHANNEL_URL_SECRET = "planted-webhook-path-secret-9f07";
    static final String JOB_SECRET = "planted-job-secret-77c1";

    @Inject
    Database db;
    @Inject
    Tokens tokens;
    @ConfigProperty(name = "BEAMPIPE_JWT_SECRET")
    String jwtSecret;
    @ConfigProperty(name = "CASDA_PASSWORD")
    String casdaPassword;

    @Test
    void noPlantedSecretAppearsInAnyResponseOrLogLine() throws Exception {
        RequestSpecification admin = Operators.bearer(Operators.superuserToken(db, tokens));
        String profileId = given().spec(admin).contentType("application/json").body("{\"name\": \"leak-check\", "
                        + "\"translation\": {}, \"deployment\": {\"kind\": \"slurm_remote\", \"login_node\": \"setonix.example\", "
                        + "\"account\": \"pawsey0411\", \"home_dir\": \"/home/ops\", \"log_dir\": \"/scratch/logs\", "
                        + "\"dlg_root\": \"/scratch/dlg\", \"ssh_credential\": \"setonix-ops\", "
                        + "\"environment_setup\": \"export ARCHIVE_TOKEN=" + PROFILE_SECRET + "\"}}")
                .post("/api/v2/deployment-profiles").then().statusCode(201).extract().path("uuid");
        given().spec(admin).get("/api/v2/deployment-profiles").then().statusCode(200);
        given().spec(admin).get("/api/v2/deployment-profiles/" + profileId).then().statusCode(200);

        String channelId = given().spec(admin).contentType("application/json").body("{\"name\": \"leak-check\", "
                        + "\"kind\": \"webhook\", \"config\": {\"url\": \"http://127.0.0.1:9/hooks/" + CHANNEL_URL_SECRET + "\", "
                        + "\"template\": \"generic\", \"headers\": {\"Authorization\": \"Bearer " + CHANNEL_HEADER_SECRET + "\"}}}")
                .post("/api/v2/notification-channels").then().statusCode(201).extract().path("uuid");
        given().spec(admin).get("/api/v2/notification-channels").then().statusCode(200);
        given().spec(admin).post("/api/v2/notification-channels/" + channelId + "/test").then().statusCode(200);
        given().spec(admin).get("/api/v2/alert-deliveries").then().statusCode(200);

        given().spec(admin).contentType("application/json")
                .body("{\"kind\": \"noop\", \"payload\": {\"password\": \"" + JOB_SECRET + "\", \"note\": \"token=" + JOB_SECRET + "\"}}")
                .post("/api/v2/jobs").then().statusCode(202);
        given().spec(admin).get("/api/v2/scheduler/jobs").then().statusCode(200);
        given().spec(admin).get("/api/v2/diagnostics").then().statusCode(200);
        given().spec(admin).get("/api/v2/overview").then().statusCode(200);
        given().spec(admin).get("/api/v2/metrics").then().statusCode(200);

        String responses = Files.readString(ResponseCapture.FILE, StandardCharsets.UTF_8);
        Path log = Path.of("target", "quarkus-test.log");
        String logLines = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        // the captures are real: they hold what this test just did
        assertThat(responses).contains("leak-check").contains("[REDACTED]").contains("setonix-ops");
        assertThat(logLines).isNotEmpty();

        List<String> leaks = new ArrayList<>();
        for (String secret : List.of(PROFILE_SECRET, CHANNEL_HEADER_SECRET, CHANNEL_URL_SECRET, JOB_SECRET, jwtSecret, casdaPassword)) {
            if (responses.contains(secret)) {
                leaks.add("response contains " + secret.substring(0, 12) + "…");
            }
            if (logLines.contains(secret)) {
                leaks.add("log contains " + secret.substring(0, 12) + "…");
            }
        }
        assertThat(leaks).isEmpty();
    }
}
