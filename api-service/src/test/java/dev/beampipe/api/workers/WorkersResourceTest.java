package dev.beampipe.api.workers;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class WorkersResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification admin;
    RequestSpecification user;

    @BeforeEach
    void tokens() {
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
        user = Operators.bearer(Operators.userToken(db, tokens));
    }

    String register(String body) {
        return given().spec(admin).contentType(ContentType.JSON).body(body).post("/api/v2/workers")
                .then().statusCode(201).extract().path("id");
    }

    String register() {
        return register("{\"instance_name\": \"w-" + UUID.randomUUID() + "\", \"host\": \"node1\", \"version\": \"0.1.0\", "
                + "\"pool\": \"p-" + UUID.randomUUID().toString().substring(0, 8) + "\", \"concurrency_limit\": 3}");
    }

    long events(String type, String workerId) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE event_type = $1 AND correlation_id = $2", type, workerId);
    }

    @Test
    void registerReturns201WithTheReferenceDefaultsAndUpsertsOnId() {
        UUID id = UUID.randomUUID();
        String body = "{\"id\": \"" + id + "\", \"instance_name\": \"ext-1\", \"host\": \"h1\", \"process_id\": 42, "
                + "\"capabilities\": [\"casda-discovery\"], \"labels\": {\"site\": \"pawsey\"}, \"version\": \"1.2\", \"extra\": 1}";
        given().spec(admin).contentType(ContentType.JSON).body(body).post("/api/v2/workers").then().statusCode(201)
                .body("id", equalTo(id.toString())).body("instance_name", equalTo("ext-1")).body("host", equalTo("h1"))
                .body("process_id", equalTo(42)).body("role", equalTo("worker")).body("pool", equalTo("default"))
                .body("capabilities", equalTo(List.of("casda-discovery"))).body("labels.site", equalTo("pawsey"))
                .body("concurrency_limit", equalTo(1)).body("status", equalTo("active")).body("health", equalTo("healthy"))
                .body("active_leases", equalTo(0)).body("heartbeat_age_seconds", equalTo(0))
                .body("started_at", notNullValue()).body("draining_at", nullValue()).body("stopped_at", nullValue());
        given().spec(admin).post("/api/v2/workers/" + id + "/drain").then().statusCode(200);
        given().spec(admin).contentType(ContentType.JSON).body(body.replace("\"h1\"", "\"h2\"")).post("/api/v2/workers")
                .then().statusCode(201).body("host", equalTo("h2")).body("status", equalTo("draining"));
    }

    @Test
    void badRegistrationsAreStructured400sOr422sAndStoreNothing() {
        long before = db.sql().count("SELECT count(*) FROM worker_instances");
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON)
                .body("{\"instance_name\": \"w\", \"host\": \"h\", \"version\": \"1\", \"role\": \"boss\"}")
                .post("/api/v2/workers").then(), 400, "bad_request", "validation")
                .body("error", equalTo("worker role must be worker or scheduler_worker"));
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON)
                .body("{\"instance_name\": \"w\", \"host\": \"h\", \"version\": \"1\", \"concurrency_limit\": 0}")
                .post("/api/v2/workers").then(), 400, "bad_request", "validation")
                .body("error", equalTo(WorkerRegistration.REQUIRED));
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON)
                .body("{\"instance_name\": \"" + "x".repeat(129) + "\", \"host\": \"h\", \"version\": \"1\"}")
                .post("/api/v2/workers").then(), 400, "bad_request", "validation");
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body("{\"host\": \"h\", \"version\": \"1\"}")
                .post("/api/v2/workers").then(), 422, "unprocessable_entity", "validation");
        assertThat(db.sql().count("SELECT count(*) FROM worker_instances")).isEqualTo(before);
    }

    @Test
    void listGetPoolsAndLeases() {
        String id = register();
        String pool = given().spec(user).get("/api/v2/workers/" + id).then().statusCode(200).extract().path("pool");
        UUID job = UUID.randomUUID();
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, pool, lease_owner, lease_token, lease_expires_at, attempts) "
                + "VALUES ($1, 'noop', '{}'::jsonb, 'running', $2, $3, $4, now() + interval '1 minute', 1)",
                job, pool, UUID.fromString(id), UUID.randomUUID());
        given().spec(user).get("/api/v2/workers").then().statusCode(200).body("id", hasItem(id));
        given().spec(user).get("/api/v2/workers/" + id).then().statusCode(200).body("active_leases", equalTo(1));
        Response pools = given().spec(user).get("/api/v2/workers/pools");
        pools.then().statusCode(200);
        assertThat(pools.jsonPath().getInt("find { it.pool == '" + pool + "' }.active_workers")).isEqualTo(1);
        assertThat(pools.jsonPath().getInt("find { it.pool == '" + pool + "' }.concurrency_limit")).isEqualTo(3);
        assertThat(pools.jsonPath().getInt("find { it.pool == '" + pool + "' }.active_leases")).isEqualTo(1);
        given().spec(user).queryParam("worker_id", id).get("/api/v2/workers/leases").then().statusCode(200)
                .body("job_id", equalTo(List.of(job.toString()))).body("[0].worker_id", equalTo(id))
                .body("[0].attempts", equalTo(1)).body("[0].kind", equalTo("noop"));
        db.sql().update("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE uuid = $1", job);
        given().spec(user).queryParam("worker_id", id).get("/api/v2/workers/leases").then().statusCode(200)
                .body("size()", equalTo(0));
        given().spec(user).queryParam("worker_id", id).queryParam("include_expired", true).get("/api/v2/workers/leases")
                .then().statusCode(200).body("size()", equalTo(1));
        db.sql().update("DELETE FROM jobs WHERE uuid = $1", job);
    }

    @Test
    void stoppedWorkersAreHiddenAndCannotBeDrainedResumedOrHeartbeated() {
        String id = register();
        db.sql().update("UPDATE worker_instances SET status = 'stopped', stopped_at = now() WHERE uuid = $1", UUID.fromString(id));
        given().spec(user).get("/api/v2/workers").then().statusCode(200).body("id", not(hasItem(id)));
        given().spec(user).queryParam("include_stopped", true).get("/api/v2/workers").then().statusCode(200).body("id", hasItem(id));
        given().spec(user).get("/api/v2/workers/" + id).then().statusCode(200).body("health", equalTo("stopped"));
        ErrorBody.assertError(given().spec(admin).post("/api/v2/workers/" + id + "/drain").then(), 404, "not_found", "not_found");
        ErrorBody.assertError(given().spec(admin).post("/api/v2/workers/" + id + "/resume").then(), 404, "not_found", "not_found");
        ErrorBody.assertError(given().spec(user).post("/api/v2/workers/" + id + "/heartbeat").then(), 404, "not_found", "not_found");
        ErrorBody.assertError(given().spec(user).get("/api/v2/workers/" + UUID.randomUUID()).then(), 404, "not_found", "not_found");
        ErrorBody.assertError(given().spec(user).get("/api/v2/workers/not-a-uuid").then(), 400, "bad_request", "validation");
        assertThat(events("worker.drained", id) + events("worker.resumed", id)).isZero();
    }

    @Test
    void drainAndResumeEmitProvenanceAndKeepTheFirstDrainingAt() {
        String id = register();
        String first = given().spec(admin).post("/api/v2/workers/" + id + "/drain").then().statusCode(200)
                .body("status", equalTo("draining")).body("health", equalTo("draining")).extract().path("draining_at");
        given().spec(admin).post("/api/v2/workers/" + id + "/drain").then().statusCode(200).body("draining_at", equalTo(first));
        given().spec(user).post("/api/v2/workers/" + id + "/heartbeat").then().statusCode(200)
                .body("worker_id", equalTo(id)).body("accepted", equalTo(true)).body("recorded_at", notNullValue());
        given().spec(admin).post("/api/v2/workers/" + id + "/resume").then().statusCode(200)
                .body("status", equalTo("active")).body("draining_at", nullValue());
        assertThat(events("worker.drained", id)).isEqualTo(2);
        assertThat(events("worker.resumed", id)).isEqualTo(1);
        assertThat(db.sql().first("SELECT project_module || '|' || actor || '|' || (payload->>'draining') FROM provenance_events "
                + "WHERE event_type = 'worker.resumed' AND correlation_id = $1", r -> r.getString(0), id).orElseThrow())
                .matches("system\\|user:admin-.*\\|false");
    }

    @Test
    void concurrentDrainsAndHeartbeatsNeverUndoTheDrain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String id = register();
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Response>> drains = new ArrayList<>();
                List<Future<Response>> beats = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    drains.add(pool.submit(at(start, () -> given().spec(admin).post("/api/v2/workers/" + id + "/drain"))));
                    beats.add(pool.submit(at(start, () -> given().spec(user).post("/api/v2/workers/" + id + "/heartbeat"))));
                }
                for (Future<Response> f : drains) {
                    f.get().then().statusCode(200).body("status", equalTo("draining"));
                }
                for (Future<Response> f : beats) {
                    f.get().then().statusCode(200).body("accepted", equalTo(true));
                }
                given().spec(user).get("/api/v2/workers/" + id).then().statusCode(200).body("status", equalTo("draining"));
                assertThat(events("worker.drained", id)).isEqualTo(4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentDrainsAndResumesEachAnswerWithTheirOwnChange() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            String id = register();
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<Response>> drains = new ArrayList<>();
            List<Future<Response>> resumes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                drains.add(pool.submit(at(start, () -> given().spec(admin).post("/api/v2/workers/" + id + "/drain"))));
                resumes.add(pool.submit(at(start, () -> given().spec(admin).post("/api/v2/workers/" + id + "/resume"))));
            }
            for (Future<Response> f : drains) {
                f.get().then().statusCode(200).body("status", equalTo("draining")).body("draining_at", notNullValue());
            }
            for (Future<Response> f : resumes) {
                f.get().then().statusCode(200).body("status", equalTo("active")).body("draining_at", nullValue());
            }
            assertThat(events("worker.drained", id)).isEqualTo(4);
            assertThat(events("worker.resumed", id)).isEqualTo(4);
            String status = given().spec(user).get("/api/v2/workers/" + id).then().statusCode(200).extract().path("status");
            assertThat(status).isIn("active", "draining");
        } finally {
            pool.shutdownNow();
        }
    }

    static <T> Callable<T> at(CyclicBarrier barrier, Callable<T> work) {
        return () -> {
            barrier.await();
            return work.call();
        };
    }
}
