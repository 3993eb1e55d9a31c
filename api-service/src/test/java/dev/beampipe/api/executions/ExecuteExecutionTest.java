package dev.beampipe.api.executions;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExecuteExecutionTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    @TestHTTPResource("/")
    URL base;

    String token;
    RequestSpecification user;

    @BeforeEach
    void asUser() {
        token = Operators.userToken(db, tokens);
        user = Operators.bearer(token);
    }

    UUID execution(String status, String deploymentKind) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot) VALUES ($1, 'exec_start', '[{\"source_identifier\": \"S1\"}]'::jsonb, "
                        + "'casda', $2, $3::text::jsonb)", id, status,
                "{\"deployment\": {\"kind\": \"" + deploymentKind + "\"}}");
        return id;
    }

    Response execute(UUID id, String body) {
        return given().spec(user).contentType(ContentType.JSON).header("x-request-id", "req-exec").body(body)
                .post("/api/v2/executions/" + id + "/execute");
    }

    long jobs(UUID id) {
        return db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1", id);
    }

    @Test
    void enqueuesOneExecuteJobAndReplaysIt() {
        UUID id = execution("pending", "slurm_remote");
        Response first = execute(id, "{}");
        first.then().statusCode(202).body("status", equalTo("accepted")).body("execution_id", equalTo(id.toString()))
                .body("do_stage", equalTo(true)).body("do_submit", equalTo(true));
        String jobId = first.path("job_id");
        assertThat(db.sql().first("SELECT kind || '|' || idempotency_key || '|' || pool || '|' || required_capability || '|' "
                        + "|| (payload->>'do_stage') || '|' || (payload->>'correlation_id') || '|' || (payload->>'execution_id') "
                        + "FROM jobs WHERE uuid = $1::uuid", r -> r.getString(0), jobId))
                .contains("execute|execute:" + id + "|default|slurm-remote|true|req-exec|" + id);
        execute(id, "{\"do_stage\": true, \"do_submit\": null, \"ignored\": 1}").then().statusCode(202)
                .body("job_id", equalTo(jobId));
        execute(id, "{\"do_submit\": false}").then().statusCode(409)
                .body("failure.message", equalTo("execution was already queued with different do_stage/do_submit options"));
        assertThat(jobs(id)).isEqualTo(1);
    }

    @Test
    void refusalsChangeNothing() {
        execute(UUID.randomUUID(), "{}").then().statusCode(404);
        UUID failed = execution("failed", "rest_remote");
        execute(failed, "{}").then().statusCode(409)
                .body("failure.message", equalTo("execution cannot be started from status 'failed'"));
        UUID pending = execution("pending", "rest_remote");
        execute(pending, "").then().statusCode(400);
        execute(pending, "null").then().statusCode(400);
        execute(pending, "{\"do_stage\": 1}").then().statusCode(422);
        execute(pending, "{\"do_stage\": \"yes\"}").then().statusCode(422);
        assertThat(jobs(failed) + jobs(pending)).isZero();
        // a finished start job is not replayed: the retry endpoint owns that
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id, idempotency_key) VALUES ($1, 'execute', "
                + "'{}'::jsonb, 'dead_letter', $2, $3)", Uuid7.next(), pending, "execute:" + pending);
        execute(pending, "{}").then().statusCode(409).body("failure.message",
                equalTo("execution start request already finished with job status 'dead_letter'; use the retry endpoint before starting again"));
    }

    @Test
    void twentyConcurrentStartsEnqueueOnce() throws Exception {
        UUID id = execution("pending", "rest_remote");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v2/executions/" + id + "/execute"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"do_submit\": false}")).build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        List<String> jobIds = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            jobIds.add(io.restassured.path.json.JsonPath.from(r.body()).getString("job_id"));
        }
        pool.shutdown();
        assertThat(jobIds.stream().distinct().count()).isEqualTo(1);
        assertThat(jobs(id)).isEqualTo(1);
        assertThat(db.sql().first("SELECT required_capability || '|' || (payload->>'do_submit') FROM jobs WHERE execution_id = $1",
                r -> r.getString(0), id)).contains("daliuge-deployment|false");
    }
}
