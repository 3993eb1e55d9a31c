package dev.beampipe.api.alerts;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Alert rules and the delivery log over HTTP. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class AlertRulesResourceTest {
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

    String channel() {
        return given().contentType(ContentType.JSON).body("{\"name\": \"" + RepoFiles.unique("rule-ch-")
                        + "\", \"kind\": \"webhook\", \"config\": {\"url\": {\"env\": \"RULE_HOOK\"}}}")
                .post("/api/v2/notification-channels").then().statusCode(201).extract().path("uuid");
    }

    long rules() {
        return db.sql().count("SELECT count(*) FROM alert_rules");
    }

    @Test
    void aRuleIsCreatedWithDefaultsPatchedAndDeleted() {
        String ch = channel();
        String name = RepoFiles.unique("rule-");
        String id = given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"project_module\": \"wallaby_hires\", "
                        + "\"trigger_kind\": \"pending_backlog\", \"trigger_config\": {\"threshold\": 5}, \"channel_ids\": [\"" + ch + "\"], "
                        + "\"unknown_field\": 1}")
                .post("/api/v2/alert-rules").then().statusCode(201)
                .body("name", equalTo(name)).body("severity", equalTo("warning")).body("cooldown_minutes", equalTo(60))
                .body("enabled", equalTo(true)).body("trigger_config.threshold", equalTo(5))
                .body("channel_ids", contains(ch)).body("last_fired_at", nullValue()).body("created_at", notNullValue())
                .extract().path("uuid");

        given().contentType(ContentType.JSON).body("{\"severity\": \"critical\", \"cooldown_minutes\": 1440, \"trigger_kind\": \"daily_summary\"}")
                .patch("/api/v2/alert-rules/" + id).then().statusCode(200)
                .body("severity", equalTo("critical")).body("cooldown_minutes", equalTo(1440))
                .body("trigger_kind", equalTo("daily_summary")).body("project_module", equalTo("wallaby_hires"))
                .body("channel_ids", contains(ch)).body("updated_at", notNullValue());
        given().get("/api/v2/alert-rules?limit=1&offset=3").then().statusCode(200)
                .body("find { it.uuid == '" + id + "' }.severity", equalTo("critical"));

        // deleting the channel removes it from the rule
        given().delete("/api/v2/notification-channels/" + ch).then().statusCode(204);
        given().get("/api/v2/alert-rules").then().body("find { it.uuid == '" + id + "' }.channel_ids", empty());

        given().delete("/api/v2/alert-rules/" + id).then().statusCode(204);
        assertError(given().delete("/api/v2/alert-rules/" + id).then(), 404, "not_found", "not_found");
    }

    @Test
    void badRulesAre400sAndChangeNothing() {
        String ch = channel();
        long before = rules();
        String base = "{\"name\": \"bad\", \"trigger_kind\": \"daily_summary\", \"trigger_config\": {}, \"channel_ids\": []";
        assertError(given().contentType(ContentType.JSON).body(base.replace("daily_summary", "weekly") + "}")
                .post("/api/v2/alert-rules").then(), 400, "bad_request", "validation")
                .body("error", equalTo("unknown trigger_kind 'weekly'; expected one of: execution_terminal, discovery_changed, "
                        + "pending_backlog, pending_stale, discovery_stall, dependency_down, daily_summary"));
        UUID ghost = UUID.randomUUID();
        assertError(given().contentType(ContentType.JSON).body(base.replace("[]", "[\"" + ch + "\", \"" + ghost + "\"]") + "}")
                .post("/api/v2/alert-rules").then(), 400, "bad_request", "validation")
                .body("error", equalTo("unknown notification channel ids: " + ghost));
        for (String extra : List.of(", \"severity\": \"fatal\"", ", \"cooldown_minutes\": -1", ", \"project_module\": \"\"")) {
            assertError(given().contentType(ContentType.JSON).body(base + extra + "}").post("/api/v2/alert-rules").then(),
                    400, "bad_request", "validation");
        }
        assertError(given().contentType(ContentType.JSON).body(base.replace("{}", "[1]") + "}").post("/api/v2/alert-rules").then(),
                400, "bad_request", "validation").body("error", equalTo("trigger_config must be a JSON object"));
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"bad\", \"trigger_kind\": \"daily_summary\", \"trigger_config\": {}}")
                .post("/api/v2/alert-rules").then(), 422, "unprocessable_entity", "validation");
        assertThat(rules()).isEqualTo(before);

        String id = given().contentType(ContentType.JSON).body(base + "}").post("/api/v2/alert-rules").then().statusCode(201).extract().path("uuid");
        assertError(given().contentType(ContentType.JSON).body("{\"trigger_kind\": \"nope\"}").patch("/api/v2/alert-rules/" + id).then(),
                400, "bad_request", "validation");
        given().get("/api/v2/alert-rules").then().body("find { it.uuid == '" + id + "' }.trigger_kind", equalTo("daily_summary"));
        assertError(given().contentType(ContentType.JSON).body("{\"enabled\": false}").patch("/api/v2/alert-rules/" + UUID.randomUUID()).then(),
                404, "not_found", "not_found");
    }

    @Test
    void deliveriesAreClampedAndQueryErrorsAre400() {
        db.sql().update("INSERT INTO alert_deliveries (uuid, status, payload) VALUES (gen_random_uuid(), 'sent', '{}'), (gen_random_uuid(), 'failed', '{}')");
        given().get("/api/v2/alert-deliveries?limit=0").then().statusCode(200).body("size()", equalTo(1));
        given().get("/api/v2/alert-deliveries?limit=1000&offset=7").then().statusCode(200).body("size()", lessThanOrEqualTo(500));
        assertError(given().get("/api/v2/alert-deliveries?limit=abc").then(), 400, "bad_request", "validation");
    }

    @Test
    void anOrdinaryUserCanReadRulesChannelsAndDeliveries() {
        Operators.reset();
        var user = Operators.bearer(Operators.userToken(db, tokens));
        given().spec(user).get("/api/v2/alert-rules").then().statusCode(200);
        given().spec(user).get("/api/v2/notification-channels").then().statusCode(200);
        given().spec(user).get("/api/v2/alert-deliveries").then().statusCode(200);
    }
}
