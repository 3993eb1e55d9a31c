package dev.beampipe.api.diagnostics;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class DiagnosticsResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;
    RequestSpecification admin;

    @BeforeEach
    void setUp() {
        user = Operators.bearer(Operators.userToken(db, tokens));
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    List<Map<String, Object>> diagnostics(JsonPath body) {
        return body.getList("diagnostics");
    }

    @Test
    void reportsStaleWorkersAMissingLeaderAndUnreachableManagersAsDiagnostics() throws Exception {
        UUID worker = UUID.randomUUID();
        db.sql().update("INSERT INTO worker_instances (uuid, instance_name, host_name, role, version, last_heartbeat_at) "
                + "VALUES ($1, 'stale-diag', 'h', 'worker', '1', now() - interval '1 hour')", worker);
        int closed = closedPort();
        String name = "diag-" + UUID.randomUUID().toString().substring(0, 8);
        given().spec(admin).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"translation\": {\"tm_url\": "
                        + "\"http://127.0.0.1:" + closed + "\"}, \"deployment\": {\"kind\": \"rest_remote\", \"deploy_host\": "
                        + "\"127.0.0.1\", \"deploy_port\": " + closed + "}}")
                .post("/api/v2/deployment-profiles").then().statusCode(201);
        JsonPath body = given().spec(user).queryParam("profile", name).get("/api/v2/diagnostics").then().statusCode(200)
                .extract().jsonPath();
        assertThat(body.getBoolean("healthy")).isFalse();
        assertThat(body.getString("generated_at")).endsWith("Z");
        assertThat(diagnostics(body)).extracting(d -> d.get("code")).contains("workers.stale", "scheduler.leader_missing",
                "daliuge.translator_unreachable", "daliuge.manager_unreachable");
        assertThat(diagnostics(body)).filteredOn(d -> "workers.stale".equals(d.get("code")))
                .extracting(d -> d.get("severity")).containsOnly("warning");
        assertThat(diagnostics(body)).extracting(d -> d.get("code")).doesNotContain("database.unreachable", "database.migration_failed");
        assertThat(body.getMap("dependency_up")).containsExactly(Map.entry("postgres", 1), Map.entry("casda", 1), Map.entry("vizier", 1));
        db.sql().update("DELETE FROM worker_instances WHERE uuid = $1", worker);
    }

    @Test
    void anUnknownProfileIsIgnoredAndTheCallNeedsAToken() {
        given().spec(user).queryParam("profile", "no-such-profile").get("/api/v2/diagnostics").then().statusCode(200);
        ErrorBody.assertError(given().get("/api/v2/diagnostics").then(), 401, "unauthorized", "authentication");
    }
}
