package dev.beampipe.api.health;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.Workers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A real archive outage (VizieR answering 503) is reported by /ready, /health/tap and /diagnostics, and fails none. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
@WithTestResource(TapArchives.class)
class ReadyTapTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @Test
    void anArchiveOutageIsReportedButReadinessStaysGreen() throws Exception {
        Workers.register(db, "default", 1);
        try (Connection leader = ReadyTest.holdLeaderLock(db.url())) {
            db.sql().update("UPDATE scheduler_leader SET holder_id = $1, holder = 'test', epoch = 1, acquired_at = now(), "
                    + "heartbeat_at = now() WHERE name = 'beampipe-scheduler'", Uuid7.next());
            given().get("/api/v2/health/tap").then().statusCode(200)
                    .body("casda", equalTo("ok")).body("vizier", equalTo("error"));
            given().get("/api/v2/ready").then().statusCode(200)
                    .body("status", equalTo("ready"))
                    .body("tap_casda", equalTo("ok"))
                    .body("tap_vizier", equalTo("error"))
                    .body("dependency_up.postgres", equalTo(1))
                    .body("dependency_up.casda", equalTo(1))
                    .body("dependency_up.vizier", equalTo(0))
                    .body("checks.keySet()", not(hasItem("tap_vizier")));
        }
        given().spec(Operators.bearer(Operators.userToken(db, tokens))).get("/api/v2/diagnostics").then().statusCode(200)
                .body("healthy", equalTo(false))
                .body("diagnostics.code", hasItem("vizier.unreachable"))
                .body("diagnostics.code", not(hasItem("casda.unreachable")))
                .body("dependency_up.postgres", equalTo(1))
                .body("dependency_up.casda", equalTo(1))
                .body("dependency_up.vizier", equalTo(0));
    }
}
