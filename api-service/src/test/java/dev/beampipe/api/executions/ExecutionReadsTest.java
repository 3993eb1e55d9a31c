package dev.beampipe.api.executions;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExecutionReadsTest {
    static final String SECRET = "planted-execution-secret-5d1e";

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @BeforeEach
    void actAsUser() {
        RestAssuredUser.use(db, tokens);
    }

    @AfterEach
    void forgetToken() {
        Operators.reset();
    }

    /** An ordinary user is enough for every read (20-api §2.12). */
    static final class RestAssuredUser {
        static void use(Database db, Tokens tokens) {
            io.restassured.RestAssured.requestSpecification = Operators.bearer(Operators.userToken(db, tokens));
        }
    }

    UUID seed(String module, String scheduler, String manifest) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, scheduler_name, "
                        + "daliuge_session_id, daliuge_manager_url, workflow_manifest, last_error, deployment_profile_snapshot, "
                        + "started_at) VALUES ($1, $2, $3::text::jsonb, 'casda', $4, 'sess 1', $5, $6::text::jsonb, $7, $8::text::jsonb, "
                        + "now() - interval '90 seconds')",
                id, module, "[{\"source_identifier\": \"S1\"}, {\"source_identifier\": \"S2\", \"sbids\": [\"10\"]}]",
                scheduler, "daliuge".equals(scheduler) ? "http://dim.example:8001/" : null, manifest,
                "ssh failed password=" + SECRET, "{\"deployment\": {\"kind\": \"slurm_remote\", \"login_node\": \"setonix\", "
                        + "\"remote_user\": \"astro\", \"token\": \"" + SECRET + "\"}}");
        return id;
    }

    void event(UUID id, String module, String type, String correlation, int secondsAgo) {
        db.sql().update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, execution_id, actor, "
                        + "correlation_id, payload) VALUES ($1, now() - make_interval(secs => $2), $3, $4, $5, 'system:api', $6, "
                        + "$7::text::jsonb)", Uuid7.next(), (double) secondsAgo, type, module, id, correlation,
                "{\"api_key\": \"" + SECRET + "\", \"n\": 1}");
    }

    @Test
    void getRendersTheCuratedRedactedViewWithDebugUrls() {
        UUID id = seed("mod_reads_a", "daliuge", "{\"stage\": 1, \"beampipe_run_record\": {\"token\": \"" + SECRET
                + "\", \"dim\": {\"last_observation\": {\"session_state\": \"running\", \"observed_at\": \"2026-01-01T00:00:00Z\"}}}}");
        Response r = given().get("/api/v2/executions/" + id);
        r.then().statusCode(200)
                .body("uuid", equalTo(id.toString()))
                .body("status", equalTo("pending"))
                .body("control_phase", equalTo("discovered"))
                .body("sources", hasSize(2))
                .body("workflow_manifest.stage", equalTo(1))
                .body("beampipe_run_record.token", equalTo("[REDACTED]"))
                .body("last_error", equalTo("ssh failed password=[REDACTED]"))
                .body("output_verification_policy.inventory_schema", equalTo("wallaby-hires-output-inventory/v1"))
                .body("dim_session_status_url", equalTo("http://dim.example:8001/api/sessions/sess%201/status"))
                .body("dim_graph_status_url", equalTo("http://dim.example:8001/api/sessions/sess%201/graph/status"))
                .body("slurm_login_node", nullValue());
        assertThat(r.asString()).doesNotContain(SECRET);
        List<String> keys = r.jsonPath().getMap("").keySet().stream().map(Object::toString).toList();
        assertThat(keys.get(0)).isEqualTo("uuid");
        assertThat(keys).contains("project_config_version", "dim_session_status_url", "slurm_remote_user");

        given().get("/api/v2/executions/" + id + "/status").then().statusCode(200)
                .body("dim_state", equalTo("running"))
                .body("slurm_state", nullValue())
                .body("last_observation_at", equalTo("2026-01-01T00:00:00Z"))
                .body("duration_seconds", org.hamcrest.Matchers.greaterThanOrEqualTo(89))
                .body("last_error", not(containsString(SECRET)));
        given().get("/api/v2/executions/" + id + "/summary").then().statusCode(200)
                .body("requested_source_count", equalTo(2))
                .body("requested_source_identifiers", equalTo(List.of("S1", "S2")));
    }

    @Test
    void slurmDebugFieldsComeFromThePinnedSnapshot() {
        UUID id = seed("mod_reads_b", "slurm", null);
        db.sql().update("UPDATE batch_execution_record SET scheduler_job_id = 'sid:123|/scratch/sid' WHERE uuid = $1", id);
        given().get("/api/v2/executions/" + id).then().statusCode(200)
                .body("slurm_session_dir", equalTo("/scratch/sid"))
                .body("slurm_login_node", equalTo("setonix"))
                .body("slurm_remote_user", equalTo("astro"))
                .body("dim_session_status_url", nullValue());
    }

    @Test
    void unknownExecutionsAre404ExceptEvents() {
        UUID missing = UUID.randomUUID();
        for (String suffix : List.of("", "/status", "/summary", "/artifacts", "/observations", "/ledger-snapshot")) {
            given().get("/api/v2/executions/" + missing + suffix).then().statusCode(404).body("code", equalTo("not_found"));
        }
        given().get("/api/v2/executions/" + missing + "/events").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v2/executions/not-a-uuid").then().statusCode(400);
    }

    @Test
    void listIsPagedNewestFirstWithRawRowsAndRedactedDocuments() {
        String module = "mod_list_" + System.nanoTime() % 100000;
        UUID first = seed(module, "slurm", null);
        UUID second = seed(module, "slurm", "{\"password\": \"" + SECRET + "\"}");
        db.sql().update("UPDATE batch_execution_record SET created_at = now() - interval '1 hour' WHERE uuid = $1", first);
        Response r = given().queryParam("project_module", module).queryParam("items_per_page", 1).get("/api/v2/executions");
        r.then().statusCode(200).body("total", equalTo(2)).body("page", equalTo(1)).body("items_per_page", equalTo(1))
                .body("items", hasSize(1)).body("items[0].uuid", equalTo(second.toString()))
                .body("items[0].workflow_manifest.password", equalTo("[REDACTED]"))
                .body("items[0].deployment_profile_snapshot.deployment.token", equalTo("[REDACTED]"))
                .body("items[0].create_idempotency_key", nullValue());
        assertThat(r.jsonPath().getMap("items[0]")).containsKeys("daliuge_raw_status", "updated_at", "create_request_sha256");
        assertThat(r.asString()).doesNotContain(SECRET);
        given().queryParam("project_module", module).queryParam("page", 2).queryParam("items_per_page", 1)
                .get("/api/v2/executions").then().body("items[0].uuid", equalTo(first.toString()));
        given().queryParam("project_module", module).queryParam("page", -3).queryParam("items_per_page", 9999)
                .get("/api/v2/executions").then().body("page", equalTo(1)).body("items_per_page", equalTo(500))
                .body("items", hasSize(2));
        given().queryParam("project_module", module).queryParam("status", "failed").get("/api/v2/executions")
                .then().body("total", equalTo(0));
        given().queryParam("page", "x").get("/api/v2/executions").then().statusCode(400);
    }

    @Test
    void eventsArtifactsObservationsAndTheLedgerSnapshot() {
        String module = "mod_reads_c";
        UUID id = seed(module, "slurm", "{\"beampipe_run_record\": {\"slurm\": {\"last_observation\": {\"state\": \"RUNNING\"}}}}");
        for (int i = 0; i < 7; i++) {
            event(id, module, "event." + i, i == 2 ? "corr-2" : i == 6 ? "corr-6" : null, 100 - i);
        }
        db.sql().update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, uri, inline_json, media_type, "
                        + "sha256, producer_phase, metadata) VALUES ($1, $2, 'manifest', 'database', NULL, $3::text::jsonb, "
                        + "'application/json', 'abc', 'stage_and_manifest', $4::text::jsonb)", Uuid7.next(), id,
                "{\"secret\": \"" + SECRET + "\"}", "{\"note\": \"https://x?token=" + SECRET + "\"}");
        for (int i = 0; i < 3; i++) {
            db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, payload, observed_at) "
                            + "VALUES ($1, $2, 'scheduler', $3, '{}'::jsonb, now() - make_interval(secs => $4))",
                    Uuid7.next(), id, "state" + i, (double) (10 - i));
        }
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id, idempotency_key) "
                + "VALUES ($1, 'execute', '{}'::jsonb, 'queued', $2, $3)", Uuid7.next(), id, "test-exec:" + id);
        UUID running = Uuid7.next();
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id) VALUES ($1, 'dim_poll', '{}'::jsonb, "
                + "'running', $2)", running, id);

        Response events = given().get("/api/v2/executions/" + id + "/events");
        events.then().statusCode(200).body("$", hasSize(7)).body("[0].event_type", equalTo("event.0"))
                .body("[0].payload.api_key", equalTo("[REDACTED]"));
        assertThat(events.asString()).doesNotContain(SECRET);

        Response artifacts = given().get("/api/v2/executions/" + id + "/artifacts");
        artifacts.then().statusCode(200).body("$", hasSize(1)).body("[0].inline_json.secret", equalTo("[REDACTED]"))
                .body("[0].size_bytes", nullValue());
        assertThat(artifacts.asString()).doesNotContain(SECRET);

        given().queryParam("limit", 2).get("/api/v2/executions/" + id + "/observations").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].normalized_state", equalTo("state2"));
        given().queryParam("limit", 2).queryParam("offset", 2).get("/api/v2/executions/" + id + "/observations")
                .then().body("$", hasSize(1)).body("[0].normalized_state", equalTo("state0"));

        Response snapshot = given().get("/api/v2/executions/" + id + "/ledger-snapshot");
        snapshot.then().statusCode(200)
                .body("correlation_id", equalTo("corr-2"))
                .body("active_job_id", equalTo(running.toString()))
                .body("workflow_manifest.beampipe_run_record.slurm.last_observation.state", equalTo("RUNNING"))
                .body("provenance_summary.recent_events", hasSize(5))
                .body("provenance_summary.recent_events[4].event_type", equalTo("event.4"));
        assertThat(snapshot.asString()).doesNotContain(SECRET);
        Response lean = given().queryParam("include_manifest", false).get("/api/v2/executions/" + id + "/ledger-snapshot");
        assertThat(lean.jsonPath().getMap("")).doesNotContainKey("workflow_manifest").containsKey("run_record_phases");
        given().get("/api/v2/executions/" + id + "/status").then().body("slurm_state", equalTo("RUNNING"))
                .body("last_observation_at", nullValue());
    }

    @Test
    void theServedOpenApiFlattensTheDebugUrlsIntoExecutionRead() {
        Response r = given().get("/api/v2/openapi.json");
        r.then().statusCode(200);
        java.util.Map<String, Object> props = r.jsonPath().getMap("components.schemas.ExecutionRead.properties");
        assertThat(props).containsKeys("uuid", "beampipe_run_record", "project_config_version", "dim_session_status_url",
                "slurm_remote_user").doesNotContainKey("debug_urls");
    }
}
