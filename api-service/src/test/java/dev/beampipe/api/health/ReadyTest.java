package dev.beampipe.api.health;

import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.db.Migrations;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.Workers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ReadyTest {
    @Inject
    Database db;

    @BeforeEach
    void noLeaderNoWorker() {
        db.sql().update("UPDATE worker_instances SET status = 'stopped', stopped_at = now()");
        db.sql().update("UPDATE scheduler_leader SET holder_id = NULL, holder = NULL, heartbeat_at = NULL");
    }

    ValidatableResponse ready() {
        return given().when().get("/api/v2/ready").then();
    }

    @Test
    void notReadyUntilALeaderAndALiveWorkerExist() throws Exception {
        assertError(ready(), 503, "service_unavailable", "dependency_unavailable")
                .body("failure.component", equalTo("beampipe"))
                .body("failure.retry", equalTo("safe"))
                .body("failure.diagnostics.path", contains("scheduler_leader", "workers"))
                .body("failure.diagnostics.code", contains("ready.scheduler_leader_missing", "ready.no_live_worker"))
                .body("failure.diagnostics.severity", contains("error", "error"))
                .body("checks.database.status", equalTo("ok"))
                .body("checks.migrations.status", equalTo("ok"))
                .body("checks.migrations.current_version", equalTo(Migrations.LATEST_VERSION))
                .body("tap_casda", equalTo("not_configured"))
                .body("dependency_up.postgres", equalTo(1))
                .body("checks.scheduler_leader.status", equalTo("error"))
                .body("checks.workers.status", equalTo("error"));

        Workers.register(db, "default", 1);
        assertError(ready(), 503, "service_unavailable", "dependency_unavailable")
                .body("failure.diagnostics", hasSize(1))
                .body("failure.diagnostics[0].path", equalTo("scheduler_leader"))
                .body("checks.workers.status", equalTo("ok"));

        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, next_run_at) VALUES ($1, 'noop', '{}'::jsonb, 'queued', now())",
                Uuid7.next());
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, next_run_at) VALUES ($1, 'noop', '{}'::jsonb, 'queued', "
                + "now() + interval '1 hour')", Uuid7.next());
        long runnable = db.sql().count("SELECT count(*) FROM jobs WHERE status = 'queued' AND next_run_at <= now()");
        long running = db.sql().count("SELECT count(*) FROM jobs WHERE status = 'running'");

        UUID holder = Uuid7.next();
        try (Connection leader = holdLeaderLock(db.url())) {
            db.sql().update("UPDATE scheduler_leader SET holder_id = $1, holder = 'test', epoch = 1, acquired_at = now(), "
                    + "heartbeat_at = now() WHERE name = 'beampipe-scheduler'", holder);
            ready().statusCode(200)
                    .header("x-request-id", notNullValue())
                    .body("status", equalTo("ready"))
                    .body("service", equalTo("beampipe-v2"))
                    .body("database", equalTo("ok"))
                    .body("redis", equalTo("not_configured"))
                    .body("tap_casda", equalTo("not_configured"))
                    .body("tap_vizier", equalTo("not_configured"))
                    .body("dependency_up.postgres", equalTo(1))
                    .body("dependency_up.casda", equalTo(1))
                    .body("dependency_up.vizier", equalTo(1))
                    .body("queue_depth", equalTo((int) runnable))
                    .body("jobs_running", equalTo((int) running))
                    .body("checks.keySet()", containsInAnyOrder("database", "migrations", "scheduler_leader", "workers"))
                    .body("checks.scheduler_leader.status", equalTo("ok"))
                    .body("checks.scheduler_leader.holder", equalTo("test"))
                    .body("checks.scheduler_leader.holder_id", equalTo(holder.toString()))
                    .body("checks.scheduler_leader.epoch", equalTo(1))
                    .body("checks.scheduler_leader.lock_held", equalTo(true))
                    .body("checks.workers.status", equalTo("ok"));
        }

        // the leader's session ended: the row alone does not make a leader
        assertError(ready(), 503, "service_unavailable", "dependency_unavailable")
                .body("failure.diagnostics.path", contains("scheduler_leader"))
                .body("checks.scheduler_leader.lock_held", equalTo(false));
    }

    @Test
    void aFailedOrMissingMigrationIsNotReady() {
        db.sql().update("UPDATE flyway_schema_history SET success = false WHERE version = $1", Migrations.LATEST_VERSION);
        try {
            assertError(ready(), 503, "service_unavailable", "dependency_unavailable")
                    .body("failure.diagnostics.path", contains("migrations", "scheduler_leader", "workers"))
                    .body("failure.diagnostics[0].code", equalTo("ready.migrations_pending"))
                    .body("failure.diagnostics[0].message", equalTo("1 database migration(s) are marked unsuccessful"))
                    .body("checks.migrations.status", equalTo("error"))
                    .body("checks.migrations.expected_version", equalTo(Migrations.LATEST_VERSION));
        } finally {
            db.sql().update("UPDATE flyway_schema_history SET success = true WHERE version = $1", Migrations.LATEST_VERSION);
        }
    }

    static Connection holdLeaderLock(DatabaseUrl url) throws Exception {
        Connection c = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password());
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtextextended('beampipe:scheduler-leader', 0))");
        }
        return c;
    }
}
