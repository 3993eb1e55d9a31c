package dev.beampipe.api.daliuge;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class DaliugeResourceTest {
    static FakeDaliuge daliuge;
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;
    RequestSpecification admin;

    @BeforeAll
    static void start() {
        daliuge = new FakeDaliuge();
    }

    @AfterAll
    static void stop() {
        daliuge.close();
    }

    @BeforeEach
    void setUp() {
        daliuge.reset();
        user = Operators.bearer(Operators.userToken(db, tokens));
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    String restProfile(String tmUrl, int dimPort) {
        String name = "dlg-" + UUID.randomUUID().toString().substring(0, 8);
        String translation = tmUrl == null ? "{}" : "{\"tm_url\": \"" + tmUrl + "\"}";
        given().spec(admin).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"translation\": " + translation
                        + ", \"deployment\": {\"kind\": \"rest_remote\", \"deploy_host\": \"127.0.0.1\", \"deploy_port\": " + dimPort
                        + ", \"dim_host_for_tm\": \"dlg-dim\", \"dim_port_for_tm\": 8001}}")
                .post("/api/v2/deployment-profiles").then().statusCode(201);
        return name;
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void inspectAsksTheTranslatorAndTheDataIslandManager() {
        String profile = restProfile("http://127.0.0.1:" + daliuge.port(), daliuge.port());
        given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/inspect").then().statusCode(200)
                .body("profile", equalTo(profile))
                .body("translator.methods", equalTo(List.of("BROWSER", "SERVER")))
                .body("translator.updated_translation_api", equalTo(true))
                .body("translator.version", nullValue())
                .body("translator.diagnostics[0].code", equalTo("daliuge.version_unreported"))
                .body("manager.hosts", equalTo(List.of("dlg-nm1", "dlg-nm2")))
                .body("manager.session_ids", equalTo(List.of("s-1")))
                .body("manager.nodes.size()", equalTo(2))
                .body("manager.capabilities.session_api", equalTo(true));
        assertThat(daliuge.requests).contains("GET /api/submission_method?dlg_mgr_host=dlg-dim&dlg_mgr_port=8001",
                "GET /api", "GET /api/nodes");
    }

    @Test
    void sessionsAreTheDimsOwnList() {
        String profile = restProfile(null, daliuge.port());
        given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/sessions").then().statusCode(200)
                .body("[0].sessionId", equalTo("s-1")).body("[0].status", equalTo(2)).body("[0].size", equalTo(12));
    }

    @Test
    void anUnreachableManagerIsA502Connectivity() throws Exception {
        int closed = closedPort();
        String profile = restProfile("http://127.0.0.1:" + closed, closed);
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/inspect").then(),
                        502, "daliuge.connectivity", "connectivity")
                .body("failure.component", equalTo("daliuge_translator")).body("failure.retry", equalTo("safe"))
                .body("error", equalTo("connection failed"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/sessions").then(),
                502, "daliuge.connectivity", "connectivity").body("failure.component", equalTo("daliuge_dim"));
    }

    @Test
    void badAnswersAre502sOfTheirKind() {
        String profile = restProfile("http://127.0.0.1:" + daliuge.port(), daliuge.port());
        daliuge.answers.put("/api/sessions", new FakeDaliuge.Answer(503, "Service Unavailable"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/sessions").then(),
                502, "daliuge.httpstatus", "dependency_unavailable").body("error", equalTo("DALiuGE returned HTTP 503"))
                .body("failure.retry", equalTo("safe"));
        // decision 10: the DIM's 555 is read; a nested NoSessionException is not_found
        daliuge.answers.put("/api/sessions", new FakeDaliuge.Answer(555,
                "{\"type\": \"SubManagerException\", \"args\": {\"nm1\": {\"type\": \"NoSessionException\", \"args\": \"x\"}}}"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/sessions").then(),
                502, "daliuge.notfound", "not_found");
        daliuge.answers.put("/api/sessions", new FakeDaliuge.Answer(200, "<html>not json</html>"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/sessions").then(),
                502, "daliuge.invalidresponse", "unsupported").body("failure.retry", equalTo("after_remediation"));
        daliuge.answers.put("/api/nodes", new FakeDaliuge.Answer(404, "{}"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/inspect").then(),
                502, "daliuge.notfound", "not_found");
    }

    @Test
    void missingConfigurationIs400AndAnUnknownProfile404() {
        String profile = restProfile(null, daliuge.port());
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile).get("/api/v2/daliuge/inspect").then(),
                400, "bad_request", "validation").body("error", equalTo(DaliugeResource.NO_TM));
        ErrorBody.assertError(given().spec(user).queryParam("profile", "no-such-profile").get("/api/v2/daliuge/sessions").then(),
                404, "not_found", "not_found");
    }
}
