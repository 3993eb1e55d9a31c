package dev.beampipe.api.sources;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class SourcesResourceTest {
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z";

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    RequestSpecification user;
    String module;

    @BeforeEach
    void setUp() {
        // every source route needs only an ordinary user (20-api §2.12)
        user = Operators.bearer(Operators.userToken(db, tokens));
        module = "mod_" + UUID.randomUUID().toString().substring(0, 8);
    }

    Response post(String path, String body) {
        return given().spec(user).contentType(ContentType.JSON).body(body).post(path);
    }

    String register(String identifier, boolean enabled) {
        return post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"" + identifier
                + "\", \"enabled\": " + enabled + "}").then().statusCode(200).extract().path("uuid");
    }

    long rows(String sql, Object... args) {
        return db.sql().count(sql, args);
    }

    long sourcesOfModule() {
        return rows("SELECT count(*) FROM source_registry WHERE project_module = $1", module);
    }

    @Test
    void registrationIsAnUpsertThatOnlyOverwritesEnabled() {
        Response first = post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"HIPASSJ1318-21\"}");
        first.then().statusCode(200)
                .body("uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("project_module", equalTo(module))
                .body("source_identifier", equalTo("HIPASSJ1318-21"))
                .body("enabled", equalTo(false))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("last_checked_at", nullValue())
                .body("stale_after_hours", nullValue())
                .body("workflow_run_pending", equalTo(false))
                .body("$", hasKey("workflow_claim_expires_at"))
                .body("$", hasKey("last_executed_discovery_signature"));
        db.sql().update("UPDATE source_registry SET discovery_signature = 'sig' WHERE uuid = $1", UUID.fromString(first.path("uuid")));
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"HIPASSJ1318-21\", "
                + "\"enabled\": true, \"unknown\": 1}").then().statusCode(200)
                .body("uuid", equalTo(first.path("uuid")))
                .body("enabled", equalTo(true))
                .body("discovery_signature", equalTo("sig"));
        // a re-POST without enabled turns it off again, like the reference
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"HIPASSJ1318-21\"}")
                .then().statusCode(200).body("enabled", equalTo(false));
        assertThat(sourcesOfModule()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRegistrationsOfOneSourceCreateOneRow() throws Exception {
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                boolean enabled = i % 2 == 0;
                Callable<Response> call = () -> {
                    start.await();
                    return post("/api/v2/sources", "{\"project_module\": \"" + module
                            + "\", \"source_identifier\": \"NGC 4030\", \"enabled\": " + enabled + "}");
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
                ids.add(r.path("uuid"));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sourcesOfModule()).isEqualTo(1);
    }

    @Test
    void badRegistrationsAreStructuredErrorsAndChangeNothing() {
        long before = rows("SELECT count(*) FROM source_registry");
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"a'; DROP TABLE x; --\"}")
                .then().statusCode(400).body("code", equalTo("bad_request")).body("failure.class", equalTo("validation"));
        post("/api/v2/sources", "{\"project_module\": \"" + "m".repeat(51) + "\", \"source_identifier\": \"S1\"}")
                .then().statusCode(400).body("code", equalTo("bad_request"));
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\"}").then().statusCode(422)
                .body("code", equalTo("unprocessable_entity"));
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"S1\", \"enabled\": \"yes\"}")
                .then().statusCode(422);
        post("/api/v2/sources", "{\"project_module\": \"" + module + "\", \"source_identifier\": null}").then().statusCode(422);
        given().spec(user).body("{}").contentType("text/plain").post("/api/v2/sources").then().statusCode(415);
        given().contentType(ContentType.JSON).body("{\"project_module\": \"" + module + "\", \"source_identifier\": \"S1\"}")
                .post("/api/v2/sources").then().statusCode(401);
        assertThat(rows("SELECT count(*) FROM source_registry")).isEqualTo(before);
    }

    @Test
    void bulkRegistrationIsAllOrNothing() {
        post("/api/v2/sources/bulk", "{\"items\": [{\"project_module\": \"" + module + "\", \"source_identifier\": \"S1\", "
                + "\"enabled\": true}, {\"project_module\": \"" + module + "\", \"source_identifier\": \"S2\"}]}")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.source_identifier", contains("S1", "S2"))
                .body("items.enabled", contains(true, false));
        post("/api/v2/sources/bulk", "{\"items\": [{\"project_module\": \"" + module + "\", \"source_identifier\": \"S3\"}, "
                + "{\"project_module\": \"" + module + "\", \"source_identifier\": \" bad\"}]}")
                .then().statusCode(400).body("error", matchesPattern("items\\[1\\]\\.source_identifier.*"));
        post("/api/v2/sources/bulk", "{\"items\": [{\"project_module\": \"" + module + "\", \"source_identifier\": \"S3\"}, null]}")
                .then().statusCode(422);
        post("/api/v2/sources/bulk", "{\"items\": []}").then().statusCode(200).body("total", equalTo(0));
        assertThat(sourcesOfModule()).isEqualTo(2);
    }

    @Test
    void concurrentBulkRegistrationsOfTheSameSourcesInDifferentOrdersAllSucceed() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add("{\"project_module\": \"" + module + "\", \"source_identifier\": \"S" + i + "\", \"enabled\": true}");
        }
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < n; t++) {
                List<String> mine = new ArrayList<>(items);
                java.util.Collections.shuffle(mine, new java.util.Random(t));
                String body = "{\"items\": [" + String.join(", ", mine) + "]}";
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v2/sources/bulk", body);
                }));
            }
            start.countDown();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
                assertThat(r.<Integer>path("total")).isEqualTo(20);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sourcesOfModule()).isEqualTo(20);
    }

    @Test
    void listIsNewestFirstFilteredAndClamped() {
        register("S1", true);
        register("S2", true);
        register("S3", false);
        given().spec(user).queryParam("project_module", module).get("/api/v2/sources").then().statusCode(200)
                .body("source_identifier", contains("S3", "S2", "S1"));
        given().spec(user).queryParam("project_module", module).queryParam("limit", 2).queryParam("offset", 1)
                .get("/api/v2/sources").then().statusCode(200).body("source_identifier", contains("S2", "S1"));
        given().spec(user).queryParam("project_module", module).queryParam("limit", 0).get("/api/v2/sources")
                .then().statusCode(200).body("$", hasSize(1));
        given().spec(user).queryParam("project_module", module).queryParam("offset", -5).get("/api/v2/sources")
                .then().statusCode(200).body("$", hasSize(3));
        given().spec(user).queryParam("limit", "abc").get("/api/v2/sources").then().statusCode(400)
                .body("code", equalTo("bad_request"));
    }

    @Test
    void getPatchAndDelete() {
        String id = register("S1", false);
        given().spec(user).get("/api/v2/sources/" + id).then().statusCode(200).body("uuid", equalTo(id));
        given().spec(user).contentType(ContentType.JSON).body("{\"stale_after_hours\": 6}").patch("/api/v2/sources/" + id)
                .then().statusCode(200).body("stale_after_hours", equalTo(6)).body("enabled", equalTo(false));
        given().spec(user).contentType(ContentType.JSON).body("{\"enabled\": true}").patch("/api/v2/sources/" + id)
                .then().statusCode(200).body("stale_after_hours", equalTo(6)).body("enabled", equalTo(true));
        given().spec(user).contentType(ContentType.JSON).body("{\"enabled\": null, \"stale_after_hours\": null}")
                .patch("/api/v2/sources/" + id).then().statusCode(200).body("stale_after_hours", nullValue())
                .body("enabled", equalTo(true));
        given().spec(user).contentType(ContentType.JSON).body("{\"stale_after_hours\": 0}").patch("/api/v2/sources/" + id)
                .then().statusCode(400);
        given().spec(user).contentType(ContentType.JSON).body("{\"stale_after_hours\": \"6\"}").patch("/api/v2/sources/" + id)
                .then().statusCode(422);
        given().spec(user).contentType(ContentType.JSON).body("{\"enabled\": 1}").patch("/api/v2/sources/" + id)
                .then().statusCode(422);
        given().spec(user).contentType(ContentType.JSON).body("[]").patch("/api/v2/sources/" + id).then().statusCode(422);
        String missing = Uuid7.next().toString();
        given().spec(user).contentType(ContentType.JSON).body("{\"enabled\": true}").patch("/api/v2/sources/" + missing)
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().spec(user).get("/api/v2/sources/" + missing).then().statusCode(404);
        given().spec(user).get("/api/v2/sources/not-a-uuid").then().statusCode(400);
        insertMetadata("S1", "1", "{}");
        given().spec(user).delete("/api/v2/sources/" + id).then().statusCode(204);
        given().spec(user).delete("/api/v2/sources/" + id).then().statusCode(404);
        assertThat(sourcesOfModule()).isZero();
        // archive metadata is kept as history
        assertThat(rows("SELECT count(*) FROM archive_metadata WHERE project_module = $1", module)).isEqualTo(1);
    }

    @Test
    void discoverMarksEnabledSourcesAndUpsertsOneTriggerJob() {
        register("S1", true);
        register("S2", true);
        register("S3", false);
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), last_attempted_at = now(), "
                + "discovery_claim_token = 't', discovery_claim_expires_at = now(), workflow_claim_token = 'w', "
                + "discovery_signature = 'sig', workflow_run_pending = true WHERE project_module = $1", module);
        Response r = given().spec(user).contentType(ContentType.JSON).header("x-request-id", "req-discover-1")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .body("{\"project_module\": \"" + module + "\"}").post("/api/v2/sources/discover");
        r.then().statusCode(200)
                .body("project_module", equalTo(module))
                .body("marked_count", equalTo(2))
                .body("source_identifiers", contains("S1", "S2"))
                .body("message", equalTo(DiscoverTriggerResponse.MESSAGE));
        assertThat(rows("SELECT count(*) FROM source_registry WHERE project_module = $1 AND last_checked_at IS NULL "
                + "AND last_attempted_at IS NULL AND discovery_claim_token IS NULL AND workflow_claim_token IS NULL "
                + "AND discovery_signature = 'sig' AND workflow_run_pending", module)).isEqualTo(2);
        assertThat(rows("SELECT count(*) FROM source_registry WHERE project_module = $1 AND source_identifier = 'S3' "
                + "AND last_checked_at IS NOT NULL", module)).isEqualTo(1);
        String key = "discover_trigger:" + module;
        assertThat(db.sql().first("SELECT kind || '|' || status || '|' || pool || '|' || COALESCE(required_capability, 'NULL') "
                + "|| '|' || (payload->>'project_module') || '|' || (payload->>'correlation_id') || '|' || (payload->>'traceparent') "
                + "FROM jobs WHERE idempotency_key = $1", row -> row.getString(0), key))
                .contains("scheduler_tick|queued|default|NULL|" + module + "|req-discover-1|"
                        + "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        UUID job = db.sql().first("SELECT uuid FROM jobs WHERE idempotency_key = $1", row -> row.getUUID(0), key).orElseThrow();

        // a second trigger while the first is queued coalesces; a finished one is revived
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"S1\"}")
                .then().statusCode(200).body("marked_count", equalTo(1)).body("source_identifiers", contains("S1"));
        db.sql().update("UPDATE jobs SET status = 'completed', attempts = 1 WHERE uuid = $1", job);
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\", \"source_identifiers\": []}")
                .then().statusCode(200).body("marked_count", equalTo(2));
        assertThat(db.sql().first("SELECT status || '/' || attempts FROM jobs WHERE idempotency_key = $1", row -> row.getString(0), key))
                .contains("queued/0");
        assertThat(rows("SELECT count(*) FROM jobs WHERE idempotency_key = $1", key)).isEqualTo(1);
    }

    @Test
    void discoverWithNothingToMarkEnqueuesNothing() {
        register("S1", false);
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\"}").then().statusCode(200)
                .body("marked_count", equalTo(0)).body("source_identifiers", hasSize(0));
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\", \"source_identifiers\": [\"NOPE\"]}")
                .then().statusCode(200).body("marked_count", equalTo(0));
        assertThat(rows("SELECT count(*) FROM jobs WHERE idempotency_key = $1", "discover_trigger:" + module)).isZero();
    }

    @Test
    void badDiscoverRequestsChangeNothing() {
        register("S1", true);
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\", \"source_identifier\": \"S1\", "
                + "\"source_identifiers\": [\"S1\"]}").then().statusCode(400)
                .body("error", equalTo("Provide only one of source_identifier or source_identifiers"));
        post("/api/v2/sources/discover", "{\"project_module\": \"x'; --\"}").then().statusCode(400);
        post("/api/v2/sources/discover", "{\"source_identifier\": \"S1\"}").then().statusCode(422);
        post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\", \"source_identifiers\": \"S1\"}")
                .then().statusCode(422);
        assertThat(rows("SELECT count(*) FROM jobs WHERE idempotency_key = $1", "discover_trigger:" + module)).isZero();
    }

    @Test
    void concurrentDiscoverTriggersForAModuleCreateOneJob() throws Exception {
        for (int i = 0; i < 5; i++) {
            register("S" + i, true);
        }
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\"}").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("SELECT count(*) FROM jobs WHERE idempotency_key = $1", "discover_trigger:" + module)).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM jobs WHERE kind = 'scheduler_tick' AND payload->>'project_module' = $1", module))
                .isEqualTo(1);
    }

    @Test
    void discoverTriggersRacingBulkRegistrationsOfTheSameModuleAllSucceed() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add("{\"project_module\": \"" + module + "\", \"source_identifier\": \"S" + i + "\", \"enabled\": true}");
        }
        post("/api/v2/sources/bulk", "{\"items\": [" + String.join(", ", items) + "]}").then().statusCode(200);
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < n; t++) {
                List<String> mine = new ArrayList<>(items);
                java.util.Collections.shuffle(mine, new java.util.Random(t));
                String bulk = "{\"items\": [" + String.join(", ", mine) + "]}";
                boolean discover = t % 2 == 0;
                futures.add(pool.submit(() -> {
                    start.await();
                    return discover ? post("/api/v2/sources/discover", "{\"project_module\": \"" + module + "\"}")
                            : post("/api/v2/sources/bulk", bulk);
                }));
            }
            start.countDown();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sourcesOfModule()).isEqualTo(30);
        assertThat(rows("SELECT count(*) FROM jobs WHERE idempotency_key = $1", "discover_trigger:" + module)).isEqualTo(1);
    }

    void insertMetadata(String identifier, String sbid, String json) {
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "VALUES ($1, $2, $3, $4, $5::text::jsonb)", Uuid7.next(), module, identifier, sbid, json);
    }

    @Test
    void statusReportsReadinessAndBlockers() {
        String id = register("S1", true);
        given().spec(user).get("/api/v2/sources/" + id + "/status").then().statusCode(200)
                .body("ready_for_execution", equalTo(false))
                .body("discovery_complete", equalTo(false))
                .body("blockers", contains("Source S1: Discovery has not yet run for this source (last_checked_at is unset). "
                        + "Run discovery first (POST /api/v2/sources/discover)."))
                .body("$", not(hasKey("pending_age_seconds")));
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), discovery_signature = 'abc', "
                + "workflow_run_pending = true, workflow_run_pending_at = now() - interval '90 seconds' WHERE uuid = $1", UUID.fromString(id));
        insertMetadata("S1", "10", "{\"datasets\": [], \"discovery_flags\": {\"ok\": true}}");
        Response ready = given().spec(user).get("/api/v2/sources/" + id + "/status");
        ready.then().statusCode(200)
                .body("ready_for_execution", equalTo(true))
                .body("discovery_complete", equalTo(true))
                .body("workflow_run_pending", equalTo(true))
                .body("discovery_signature", equalTo("abc"))
                .body("last_executed_discovery_signature", nullValue())
                .body("signature_matches_last_execution", equalTo(false))
                .body("blockers", hasSize(0));
        assertThat(ready.<Integer>path("pending_age_seconds")).isBetween(89, 200);
        db.sql().update("UPDATE source_registry SET last_executed_discovery_signature = 'abc' WHERE uuid = $1", UUID.fromString(id));
        given().spec(user).get("/api/v2/sources/" + id + "/status").then().statusCode(200)
                .body("ready_for_execution", equalTo(false))
                .body("signature_matches_last_execution", equalTo(true))
                .body("blockers", contains("Source S1: Discovery signature matches last executed run (already executed for current metadata)."));
        given().spec(user).get("/api/v2/sources/" + Uuid7.next() + "/status").then().statusCode(404);
    }

    @Test
    void metadataIsOrderedBySbidAndRedacted() {
        String id = register("S1", true);
        insertMetadata("S1", "20", "{\"datasets\": [{\"url\": \"https://x/y?token=abc123\", \"api_key\": \"k\"}]}");
        insertMetadata("S1", "10", "{\"datasets\": []}");
        Response r = given().spec(user).get("/api/v2/sources/" + id + "/metadata");
        r.then().statusCode(200)
                .body("source.uuid", equalTo(id))
                .body("metadata_count", equalTo(2))
                .body("metadata.sbid", contains("10", "20"))
                .body("metadata[1].metadata_json.datasets[0].api_key", equalTo("[REDACTED]"))
                .body("metadata[1].metadata_json.datasets[0].url", equalTo("https://x/y?token=[REDACTED]"))
                .body("metadata[0].created_at", matchesPattern(TIMESTAMP));
        assertThat(r.asString()).doesNotContain("abc123");
    }

    @Test
    void sourceEventsAreTheLatestHundredNewestFirstAndRedacted() {
        String id = register("S1", true);
        for (int i = 0; i < 105; i++) {
            db.sql().update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, source_identifier, payload) "
                    + "VALUES ($1, now() - make_interval(secs => $2), 'discovery.checked', $3, 'S1', $4::text::jsonb)",
                    Uuid7.next(), (double) (105 - i), module, "{\"n\": " + i + ", \"password\": \"hunter2\"}");
        }
        db.sql().update("INSERT INTO provenance_events (id, event_type, project_module, source_identifier) "
                + "VALUES ($1, 'other', $2, 'S2')", Uuid7.next(), module);
        Response r = given().spec(user).get("/api/v2/sources/" + id + "/events");
        r.then().statusCode(200).body("$", hasSize(100))
                .body("[0].payload.n", equalTo(104))
                .body("[99].payload.n", equalTo(5))
                .body("[0].payload.password", equalTo("[REDACTED]"))
                .body("[0].event_type", equalTo("discovery.checked"))
                .body("[0].occurred_at", matchesPattern(TIMESTAMP))
                .body("[0].execution_id", nullValue());
        assertThat(r.asString()).doesNotContain("hunter2");
        given().spec(user).get("/api/v2/sources/" + Uuid7.next() + "/events").then().statusCode(404);
    }

    @Test
    void sourceExecutionsAreRawRowsNewestFirstWithSecretsRedacted() {
        String id = register("S1", true);
        UUID older = Uuid7.next();
        UUID newer = Uuid7.next();
        UUID other = Uuid7.next();
        insertExecution(older, module, "[{\"source_identifier\": \"S1\"}, {\"source_identifier\": \"S2\"}]", "1 hour");
        insertExecution(newer, module, "[{\"source_identifier\": \"S1\", \"sbids\": [\"10\"]}]", "1 minute");
        insertExecution(other, module, "[{\"source_identifier\": \"S2\"}]", "1 minute");
        insertExecution(Uuid7.next(), module + "x", "[{\"source_identifier\": \"S1\"}]", "1 minute");
        Response r = given().spec(user).get("/api/v2/sources/" + id + "/executions");
        r.then().statusCode(200)
                .body("uuid", contains(newer.toString(), older.toString()))
                .body("[0].status", equalTo("pending"))
                .body("[0].created_at", matchesPattern(TIMESTAMP))
                .body("[0].workflow_manifest.beampipe_run_record.token", equalTo("[REDACTED]"))
                .body("[0].last_error", equalTo("failed with password=[REDACTED]"))
                .body("[0]", hasKey("control_phase"))
                .body("[0]", hasKey("submission_state"))
                .body("[0]", hasKey("discovery_signature"));
        assertThat(r.asString()).doesNotContain("s3cret");
        given().spec(user).queryParam("limit", 1).queryParam("offset", 1).get("/api/v2/sources/" + id + "/executions")
                .then().statusCode(200).body("uuid", contains(older.toString()));
        given().spec(user).get("/api/v2/sources/" + Uuid7.next() + "/executions").then().statusCode(404);
    }

    void insertExecution(UUID id, String mod, String sources, String age) {
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, workflow_manifest, "
                + "last_error, created_at) VALUES ($1, $2, $3::text::jsonb, 'casda', "
                + "'{\"beampipe_run_record\": {\"token\": \"s3cret\"}}'::jsonb, 'failed with password=s3cret', now() - $4::text::interval)",
                id, mod, sources, age);
    }

    @Test
    void projectEventsArePaginatedNewestFirst() {
        for (int i = 0; i < 60; i++) {
            db.sql().update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, payload) "
                    + "VALUES ($1, now() - make_interval(secs => $2), 'config.activated', $3, $4::text::jsonb)",
                    Uuid7.next(), (double) (60 - i), module, "{\"n\": " + i + "}");
        }
        given().spec(user).get("/api/v2/projects/" + module + "/events").then().statusCode(200)
                .body("$", hasSize(50)).body("[0].payload.n", equalTo(59)).body("[0].project_module", equalTo(module));
        given().spec(user).queryParam("limit", 5).queryParam("offset", 58).get("/api/v2/projects/" + module + "/events")
                .then().statusCode(200).body("payload.n", contains(1, 0));
        given().spec(user).queryParam("limit", 1000).get("/api/v2/projects/" + module + "/events").then().statusCode(200)
                .body("$", hasSize(60));
        given().spec(user).get("/api/v2/projects/nobody_here/events").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v2/projects/" + module + "/events").then().statusCode(401);
    }

    @Test
    void overviewCountsComeFromTheDatabase() {
        Response before = given().spec(user).get("/api/v2/overview");
        before.then().statusCode(200)
                .body("generated_at", matchesPattern(TIMESTAMP))
                .body("casda", equalTo("configured"))
                .body("daliuge", equalTo("profile_managed"))
                .body("scheduler", equalTo("profile_managed"));
        register("S1", true);
        register("S2", false);
        db.sql().update("UPDATE source_registry SET workflow_run_pending = true WHERE project_module = $1", module);
        insertExecution(Uuid7.next(), module, "[{\"source_identifier\": \"S1\"}]", "1 minute");
        UUID failed = Uuid7.next();
        insertExecution(failed, module, "[{\"source_identifier\": \"S1\"}]", "1 minute");
        db.sql().update("UPDATE batch_execution_record SET status = 'failed' WHERE uuid = $1", failed);
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, next_run_at, pool) VALUES "
                + "($1, 'noop', '{}', 'queued', now() - interval '1 second', 'default'), "
                + "($2, 'noop', '{}', 'queued', now() + interval '1 hour', 'default')", Uuid7.next(), Uuid7.next());
        db.sql().update("INSERT INTO worker_instances (uuid, instance_name, host_name, role, version, last_heartbeat_at) VALUES "
                + "($1, 'live', 'h', 'worker', '1', now()), ($2, 'stale', 'h', 'worker', '1', now() - interval '10 minutes')",
                Uuid7.next(), Uuid7.next());
        db.sql().update("INSERT INTO alert_deliveries (uuid, status, created_at) VALUES ($1, 'sent', now()), "
                + "($2, 'sent', now() - interval '2 days')", Uuid7.next(), Uuid7.next());
        Response after = given().spec(user).get("/api/v2/overview");
        after.then().statusCode(200);
        for (String[] delta : new String[][]{{"registered_sources", "1"}, {"pending_admissions", "2"},
                {"running_executions", "1"}, {"failed_executions", "1"}, {"queue_depth", "1"}, {"active_workers", "1"},
                {"stale_workers", "1"}, {"recent_alerts", "1"}}) {
            long b = ((Number) before.path(delta[0])).longValue();
            long a = ((Number) after.path(delta[0])).longValue();
            assertThat(a - b).as(delta[0]).isEqualTo(Long.parseLong(delta[1]));
        }
        db.sql().update("DELETE FROM jobs WHERE kind = 'noop' AND payload = '{}'::jsonb AND status = 'queued'");
        db.sql().update("DELETE FROM worker_instances WHERE instance_name IN ('live', 'stale') AND host_name = 'h'");
    }
}
