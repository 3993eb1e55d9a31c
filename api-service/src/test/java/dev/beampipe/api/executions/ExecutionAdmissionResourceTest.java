package dev.beampipe.api.executions;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExecutionAdmissionResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    @TestHTTPResource("/api/v2/executions")
    URL executionsUrl;

    RequestSpecification admin;
    String userToken;
    RequestSpecification user;

    @BeforeEach
    void users() {
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
        userToken = Operators.userToken(db, tokens);
        user = Operators.bearer(userToken);
    }

    Response post(String path, String body, String key) {
        RequestSpecification spec = given().spec(user).contentType(ContentType.JSON).body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post(path);
    }

    @Test
    void prepareNeverWritesAndReportsPreviewOrErrors() {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        long events = db.sql().count("SELECT count(*) FROM provenance_events WHERE project_module = $1", p.module());
        String selection = "{\"project_module\": \"" + p.module() + "\", \"archive_name\": \"casda\", \"sources\": "
                + "[{\"source_identifier\": \"S1\", \"sbids\": [\"2\"]}, {\"source_identifier\": \"S2\"}]}";
        post("/api/v2/executions/prepare", selection, null).then().statusCode(200)
                .body("project_module", equalTo(p.module()))
                .body("valid", equalTo(true))
                .body("errors", hasSize(0))
                .body("total_datasets", equalTo(9))
                .body("sources_preview[0].source_identifier", equalTo("S1"))
                .body("sources_preview[0].sbid_count", equalTo(1))
                .body("sources_preview[1].sbid_count", equalTo(2))
                .body("sources_preview[1].dataset_count", equalTo(6));

        String bad = "{\"project_module\": \"" + p.module() + "\", \"archive_name\": \"nope\", \"sources\": "
                + "[{\"source_identifier\": \"S9\"}, {\"source_identifier\": \"S1\", \"sbids\": [\"7\"]}]}";
        Response r = post("/api/v2/executions/prepare", bad, null);
        r.then().statusCode(200).body("valid", equalTo(false));
        assertThat(r.jsonPath().getList("errors", String.class)).containsExactly(
                "archive 'nope' is not one of the project's required adapters [casda, vizier]",
                "Source S9 is not registered. Register and discover the source before execution.",
                "source 'S1': SBIDs not found in archive metadata: [\"7\"]",
                "Source S1 has no discovered metadata (SBIDs: [\"7\"]). Run discovery first (POST /api/v2/sources/discover).");
        post("/api/v2/executions/prepare", "{\"project_module\": \"no_such_mod\", \"archive_name\": \"casda\", \"sources\": []}", null)
                .then().statusCode(200).body("valid", equalTo(false))
                .body("errors", org.hamcrest.Matchers.hasItems("at least one source must be selected",
                        "project 'no_such_mod' has no active project config",
                        "project 'no_such_mod' has no default deployment profile; select one explicitly"));
        assertThat(ExecutionFixtures.executions(db, p.module())).isZero();
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE project_module = $1", p.module())).isEqualTo(events);
    }

    @Test
    void createPinsConfigProfileSignatureAndClearsPendingFlags() {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        Response r = given().spec(user).contentType(ContentType.JSON).header("x-request-id", "req-create-1")
                .body(p.body(" S1 ", "S2")).post("/api/v2/executions");
        r.then().statusCode(201)
                .body("status", equalTo("pending"))
                .body("control_phase", equalTo("discovered"))
                .body("submission_state", equalTo("not_started"))
                .body("scheduler_state", equalTo("not_submitted"))
                .body("daliuge_state", equalTo("not_created"))
                .body("output_state", equalTo("pending"))
                .body("output_verification_required", equalTo(true))
                .body("sources[0].source_identifier", equalTo("S1"))
                .body("deployment_profile_id", equalTo(p.profileId().toString()))
                .body("deployment_profile_revision", equalTo(1))
                .body("project_config_version", equalTo(1))
                .body("discovery_signature", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        String id = r.path("uuid");
        assertThat(r.jsonPath().getMap("sources[0]")).doesNotContainKey("sbids");
        assertThat(db.sql().count("SELECT count(*) FROM source_registry WHERE project_module = $1 AND workflow_run_pending",
                p.module())).isZero();
        assertThat(db.sql().first("SELECT deployment_profile_snapshot->'deployment'->>'deploy_host' FROM batch_execution_record "
                + "WHERE uuid = $1::uuid", row -> row.getString(0), id)).contains("dim.example");
        given().spec(user).get("/api/v2/executions/" + id + "/events").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].event_type", equalTo("execution.created"))
                .body("[0].actor", equalTo("system:api")).body("[0].correlation_id", equalTo("req-create-1"))
                .body("[0].payload.output_verification_required", equalTo(true));
    }

    @Test
    void invalidCreatesAre400WithEveryErrorAndWriteNothing() {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        db.sql().update("UPDATE source_registry SET enabled = false WHERE project_module = $1 AND source_identifier = 'S2'", p.module());
        post("/api/v2/executions", p.body("S1", "S2", "S1"), null).then().statusCode(400)
                .body("code", equalTo("bad_request"))
                .body("failure.message", equalTo("source 'S1' is selected more than once; Source S2 is disabled"));
        post("/api/v2/executions", "{\"project_module\": \"m\", \"archive_name\": \"casda\", \"sources\": [], \"extra\": 1}", null)
                .then().statusCode(422);
        post("/api/v2/executions", "{\"project_module\": \"m\", \"sources\": []}", null).then().statusCode(422);
        post("/api/v2/executions", "{\"project_module\": \"m\", \"archive_name\": \"casda\", \"sources\": [{\"source_identifier\": "
                + "\"S1\", \"sbids\": [\"1\", 2]}]}", null).then().statusCode(422);
        assertThat(ExecutionFixtures.executions(db, p.module())).isZero();
    }

    @Test
    void idempotencyKeyReplaysConflictsAndValidates() {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        String first = post("/api/v2/executions", p.body("S1"), "key-1").then().statusCode(201).extract().path("uuid");
        // replays are checked before admission: still 200 after the source is disabled
        db.sql().update("UPDATE source_registry SET enabled = false WHERE project_module = $1", p.module());
        post("/api/v2/executions", p.body(" S1"), "key-1").then().statusCode(200).body("uuid", equalTo(first));
        post("/api/v2/executions", p.body("S2"), "key-1").then().statusCode(409)
                .body("code", equalTo("conflict"))
                .body("failure.message", equalTo("Idempotency-Key was already used for a different execution request"));
        post("/api/v2/executions", p.body("S1"), "has space").then().statusCode(400)
                .body("failure.message", equalTo("Idempotency-Key must be 1-128 visible ASCII characters without whitespace"));
        post("/api/v2/executions", p.body("S1"), "k".repeat(129)).then().statusCode(400);
        // another user's identical key is a different scope
        db.sql().update("UPDATE source_registry SET enabled = true WHERE project_module = $1", p.module());
        given().spec(admin).contentType(ContentType.JSON).header("Idempotency-Key", "key-1").body(p.body("S1"))
                .post("/api/v2/executions").then().statusCode(201).body("uuid", org.hamcrest.Matchers.not(first));
        assertThat(ExecutionFixtures.executions(db, p.module())).isEqualTo(2);
        assertThat(db.sql().first("SELECT create_request_sha256 FROM batch_execution_record WHERE uuid = $1::uuid",
                row -> row.getString(0), first).orElseThrow()).matches("[0-9a-f]{64}");
    }

    @Test
    void twentyConcurrentPostsWithOneKeyCreateExactlyOneExecution() throws Exception {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(executionsUrl.toString()))
                .header("Authorization", "Bearer " + userToken).header("Content-Type", "application/json")
                .header("Idempotency-Key", "race-key").POST(HttpRequest.BodyPublishers.ofString(p.body("S1", "S2"))).build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<HttpResponse<String>> call = () -> {
                start.await();
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> response = f.get();
            statuses.add(response.statusCode());
            ids.add(io.restassured.path.json.JsonPath.from(response.body()).getString("uuid"));
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(ids.stream().distinct().count()).isEqualTo(1);
        assertThat(ExecutionFixtures.executions(db, p.module())).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE project_module = $1 "
                + "AND event_type = 'execution.created'", p.module())).isEqualTo(1);
    }

    @Test
    void profileConcurrencyLimitIs409() {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, 1L);
        post("/api/v2/executions", p.body("S1"), null).then().statusCode(201);
        post("/api/v2/executions", p.body("S2"), null).then().statusCode(409)
                .body("failure.message", containsString("concurrency limit reached (1/1)"));
        assertThat(ExecutionFixtures.executions(db, p.module())).isEqualTo(1);
    }

    @Test
    void concurrentCreatesNeverExceedTheProfileLimit() throws Exception {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, 1L);
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(executionsUrl.toString()))
                    .header("Authorization", "Bearer " + userToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(p.body(i % 2 == 0 ? "S1" : "S2"))).build();
            futures.add(pool.submit(() -> {
                start.await();
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            statuses.add(f.get().statusCode());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(ExecutionFixtures.executions(db, p.module())).isEqualTo(1);
    }

    @Test
    void nonAsciiIdempotencyKeyIs400() throws Exception {
        ExecutionFixtures.Project p = ExecutionFixtures.project(db, admin, null);
        // raw bytes: java.net.http refuses non-ASCII header values, so send the request over a plain socket
        byte[] body = p.body("S1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST /api/v2/executions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + userToken
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\nIdempotency-Key: caf";
        try (java.net.Socket socket = new java.net.Socket(executionsUrl.getHost(), executionsUrl.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(new byte[]{(byte) 0xc3, (byte) 0xa9});
            out.write("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("Idempotency-Key must be valid ASCII");
        }
        assertThat(ExecutionFixtures.executions(db, p.module())).isZero();
    }
}
