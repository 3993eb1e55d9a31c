package dev.beampipe.api.executions.control;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.control.OutputInventoryRules;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Cancel, abandonment and output verification over HTTP (20-api §2.4). */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExecutionControlResourceTest {
    static final String HEX = "c".repeat(64);
    static final String SID = "BeampipeExecution-api";
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;
    RequestSpecification admin;

    @BeforeEach
    void token() {
        user = Operators.bearer(Operators.userToken(db, tokens));
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    UUID execution(String status, String assignments, Object... args) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot) VALUES ($1, $2, $3, 'casda', $4, $5)", id,
                "m" + UUID.randomUUID().toString().substring(0, 8),
                new JsonArray().add(new JsonObject().put("source_identifier", "S1")), status,
                new JsonObject().put("deployment", new JsonObject().put("kind", "slurm_remote")));
        if (!assignments.isEmpty()) {
            Object[] all = new Object[args.length + 1];
            all[0] = id;
            System.arraycopy(args, 0, all, 1, args.length);
            db.sql().update("UPDATE batch_execution_record SET " + assignments + " WHERE uuid = $1", all);
        }
        return id;
    }

    Response patch(UUID id, String body) {
        return given().spec(user).contentType(ContentType.JSON).body(body).patch("/api/v2/executions/" + id);
    }

    String status(UUID id) {
        return db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id).orElseThrow();
    }

    @Test
    void cancelReturnsTheExecutionAndTheReadStillRoutes() {
        UUID id = execution("pending", "");
        patch(id, "{\"status\": \"cancelled\"}").then().statusCode(200)
                .body("uuid", equalTo(id.toString())).body("status", equalTo("cancelled"))
                .body("terminal_outcome", equalTo("cancelled"));
        given().spec(user).get("/api/v2/executions/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        ErrorBody.assertError(patch(id, "{\"status\": \"cancelled\"}").then(), 409, "conflict", "inconsistent_state")
                .body("error", equalTo("execution is already terminal (cancelled)"));
    }

    @Test
    void badPatchesChangeNothing() {
        UUID id = execution("running", "submission_state = 'in_flight', scheduler_name = 'slurm'");
        ErrorBody.assertError(patch(id, "{\"status\": \"running\"}").then(), 400, "bad_request", "validation")
                .body("error", equalTo("the public execution patch endpoint only supports status=cancelled"));
        patch(id, "{\"status\": \"paused\"}").then().statusCode(422);
        patch(id, "{\"status\": \"cancelled\", \"scheduler_name\": \"x\"}").then().statusCode(422);
        ErrorBody.assertError(patch(id, "{\"status\": \"cancelled\"}").then(), 409, "conflict", "inconsistent_state")
                .body("error", org.hamcrest.Matchers.startsWith("execution submission outcome is unresolved"));
        ErrorBody.assertError(patch(Uuid7.next(), "{\"status\": \"cancelled\"}").then(), 404, "not_found", "not_found");
        assertThat(status(id)).isEqualTo("running");
    }

    @Test
    void aLiveSlurmJobIsCancelledInDryRunWithARequestArtifact() {
        UUID id = execution("awaiting_scheduler", "submission_state = 'submitted', scheduler_name = 'slurm', "
                + "scheduler_job_id = '4242', scheduler_state = 'pending'");
        patch(id, "{\"status\": \"cancelled\"}").then().statusCode(200).body("status", equalTo("cancelled"))
                .body("scheduler_state", equalTo("cancelled"));
        assertThat(db.sql().first("SELECT inline_json->>'command' FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = 'cancellation_request'", r -> r.getString(0), id)).contains("scancel -- 4242");
        assertThat(db.sql().first("SELECT (payload->>'dry_run') || ' ' || actor FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.cancelled'", r -> r.getString(0), id).orElseThrow()).startsWith("true user:");
    }

    @Test
    void concurrentCancelsOverHttpSucceedOnce() throws Exception {
        UUID id = execution("running", "");
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Integer> codes = new ArrayList<>();
        try {
            CyclicBarrier barrier = new CyclicBarrier(n);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return patch(id, "{\"status\": \"cancelled\"}").statusCode();
                }));
            }
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes.stream().filter(c -> c == 200).count()).isEqualTo(1);
        assertThat(codes).containsOnly(200, 409);
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.cancelled'", id)).isEqualTo(1);
    }

    @Test
    void abandonmentIsSuperuserOnlyAndChecksTheRequestFirst() {
        UUID id = execution("running", "submission_state = 'in_flight', scheduler_name = 'slurm', daliuge_session_id = $2, "
                + "submission_deadline_at = now() - interval '1 hour'", SID);
        String body = "{\"reason\": \"r\", \"expected_submission_state\": \"in_flight\", \"expected_daliuge_session_id\": \""
                + SID + "\", \"expected_submission_deadline_at\": \"2026-01-01T00:00:00Z\", "
                + "\"acknowledge_external_job_may_exist\": true}";
        ErrorBody.assertError(given().spec(user).contentType(ContentType.JSON).body(body)
                .post("/api/v2/executions/" + id + "/submission/abandon").then(), 403, "forbidden", "authorization");
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON)
                        .body(body.replace("true}", "false}")).post("/api/v2/executions/" + id + "/submission/abandon").then(),
                400, "submission_abandonment_orphan_risk_not_acknowledged", "validation")
                .body("failure.component", equalTo("submission_abandonment"));
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body(body)
                        .post("/api/v2/executions/" + id + "/submission/abandon").then(),
                409, "submission_abandonment_cas_mismatch", "inconsistent_state");
        given().spec(admin).contentType(ContentType.JSON).body(body.replace("}", ", \"x\": 1}"))
                .post("/api/v2/executions/" + id + "/submission/abandon").then().statusCode(422);
        assertThat(status(id)).isEqualTo("running");
    }

    @Test
    void abandonmentAfterQuietGraceAndNegativeEvidenceFailsTheExecution() {
        UUID id = execution("running", "submission_state = 'in_flight', scheduler_name = 'slurm', daliuge_session_id = $2, "
                + "submission_deadline_at = date_trunc('milliseconds', now()) - interval '25 hours 30 minutes'", SID);
        UUID intent = Uuid7.next();
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, now() - interval '26 hours')",
                intent, id, new JsonObject().put("target_fingerprint", "fp"));
        for (int minutes : new int[]{11, 6, 1}) {
            UUID lookup = Uuid7.next();
            db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                            + "source_version, observed_at) VALUES ($1, $2, 'scheduler', 'unknown', 'not_found_by_name', $3, "
                            + "'beampipe-slurm-name-lookup/v1', now() - make_interval(mins => $4))", lookup, id,
                    new JsonObject().put("lookup_id", lookup.toString()).put("result", "not_found").put("query_complete", true)
                            .put("intent_observation_id", intent.toString()).put("target_fingerprint", "fp")
                            .put("daliuge_session_id", SID), minutes);
        }
        String deadline = db.sql().first("SELECT submission_deadline_at FROM batch_execution_record WHERE uuid = $1",
                r -> r.getOffsetDateTime(0).toInstant().toString(), id).orElseThrow();
        given().spec(admin).contentType(ContentType.JSON).body("{\"reason\": \"no job for a day\", "
                        + "\"expected_submission_state\": \"in_flight\", \"expected_daliuge_session_id\": \"" + SID + "\", "
                        + "\"expected_submission_deadline_at\": \"" + deadline + "\", \"acknowledge_external_job_may_exist\": true}")
                .post("/api/v2/executions/" + id + "/submission/abandon").then().statusCode(200)
                .body("status", equalTo("failed")).body("terminal_outcome", equalTo("inconsistent"))
                .body("submission_state", equalTo("in_flight"));
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_abandoned' AND actor LIKE 'user:%'", id)).isEqualTo(1);
    }

    @Test
    void verificationCompletesTheExecutionAndReplaysIdentically() {
        UUID id = execution("running", "output_verification_required = true, output_state = 'pending', "
                + "daliuge_state = 'finished', daliuge_session_id = 's', scheduler_name = 'daliuge', submission_state = 'submitted'");
        String inventory = OutputInventoryRules.inventorySha256(List.of(new OutputInventoryRules.Product("cubes/a.fits", 10, HEX)));
        String body = "{\"schema\": \"wallaby-hires-output-inventory/v1\", \"patterns\": [\"cubes/*.fits\"], "
                + "\"pattern_counts\": {\"cubes/*.fits\": 1}, \"products\": [{\"path\": \"cubes/a.fits\", \"bytes\": 10, "
                + "\"sha256\": \"" + HEX + "\"}], \"inventory_sha256\": \"" + inventory + "\", "
                + "\"durable_destination_uri\": \"s3://bucket/run\", \"publication\": {\"acknowledged\": true, "
                + "\"publisher\": \"wallaby\", \"receipt_id\": \"r-1\", \"published_at\": \"2026-11-29T00:00:00Z\"}}";
        ErrorBody.assertError(given().spec(user).contentType(ContentType.JSON).body(body)
                .post("/api/v2/executions/" + id + "/outputs/verify").then(), 403, "forbidden", "authorization");
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body(body.replace(inventory, HEX))
                .post("/api/v2/executions/" + id + "/outputs/verify").then(), 400, "bad_request", "validation");
        given().spec(admin).contentType(ContentType.JSON).body(body.replace("\"bytes\": 10,", "\"bytes\": 10, \"x\": 1,"))
                .post("/api/v2/executions/" + id + "/outputs/verify").then().statusCode(422);
        String artifact = given().spec(admin).contentType(ContentType.JSON).body(body)
                .post("/api/v2/executions/" + id + "/outputs/verify").then().statusCode(200)
                .body("execution.status", equalTo("completed")).body("execution.output_state", equalTo("verified"))
                .body("artifact.kind", equalTo("output_inventory")).body("artifact.storage_kind", equalTo("remote"))
                .body("artifact.media_type", equalTo("application/vnd.wallaby.output-inventory+json"))
                .extract().path("artifact.uuid");
        given().spec(admin).contentType(ContentType.JSON).body(body).post("/api/v2/executions/" + id + "/outputs/verify")
                .then().statusCode(200).body("artifact.uuid", equalTo(artifact));
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body(body.replace("s3://bucket/run", "s3://b/other"))
                .post("/api/v2/executions/" + id + "/outputs/verify").then(), 409, "conflict", "inconsistent_state");
    }
}
