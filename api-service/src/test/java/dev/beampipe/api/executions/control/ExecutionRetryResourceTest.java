package dev.beampipe.api.executions.control;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
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
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /api/v2/executions/{id}/retry} over HTTP (20-api §2.4). */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExecutionRetryResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;

    @BeforeEach
    void token() {
        user = Operators.bearer(Operators.userToken(db, tokens));
    }

    UUID failedExecution() {
        UUID id = Uuid7.next();
        String module = "m" + UUID.randomUUID().toString().substring(0, 8);
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "terminal_outcome, last_error) VALUES ($1, $2, $3, 'casda', 'failed', 'failed', 'boom')",
                id, module, new JsonArray().add(new JsonObject().put("source_identifier", "S1")));
        return id;
    }

    Response retry(UUID id, String body) {
        return given().spec(user).contentType(ContentType.JSON).body(body).post("/api/v2/executions/" + id + "/retry");
    }

    @Test
    void aFailedExecutionIsRetriedOnceAndTheRepeatIsRefused() {
        UUID id = failedExecution();
        retry(id, "{\"reason\": \"archive fixed\", \"ignored\": 1}").then().statusCode(202)
                .body("status", equalTo("accepted")).body("execution_id", equalTo(id.toString()))
                .body("retry_count", equalTo(1)).body("stage", equalTo("stage_and_manifest"))
                .body("do_stage", equalTo(true)).body("do_submit", equalTo(true));
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND idempotency_key = $2",
                id, "execute:" + id + ":retry:1")).isEqualTo(1);
        assertThat(db.sql().first("SELECT actor FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.retry_requested'", r -> r.getString(0), id).orElseThrow()).startsWith("user:");
        ErrorBody.assertError(retry(id, "{\"reason\": \"again\"}").then(), 409, "execution_not_failed", "inconsistent_state")
                .body("failure.component", equalTo("execution_retry"))
                .body("failure.system_action", equalTo("no retry job was created and no external work was repeated"));
    }

    @Test
    void refusalsChangeNothing() {
        UUID id = failedExecution();
        ErrorBody.assertError(retry(id, "{\"reason\": \"  \"}").then(), 409, "retry_reason_required", "inconsistent_state");
        ErrorBody.assertError(retry(id, "{\"reason\": \"" + "x".repeat(1001) + "\"}").then(), 409, "retry_reason_too_long",
                "inconsistent_state");
        retry(id, "{}").then().statusCode(422);
        retry(id, "{\"reason\": 5}").then().statusCode(422);
        ErrorBody.assertError(retry(Uuid7.next(), "{\"reason\": \"x\"}").then(), 404, "not_found", "not_found");
        assertThat(db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                .contains("failed");
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1", id)).isZero();
    }

    @Test
    void concurrentRetriesOverHttpAcceptOne() throws Exception {
        UUID id = failedExecution();
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier barrier = new CyclicBarrier(n);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return retry(id, "{\"reason\": \"race\"}").statusCode();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(202, 409);
            assertThat(codes.stream().filter(c -> c == 202).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1", id)).isEqualTo(1);
    }
}
