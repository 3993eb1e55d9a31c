package dev.beampipe.api.contract;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 4: without a token every protected operation of the reference is a 401 (and changes
 * nothing); an ordinary user gets 403 on every superuser operation of 20-api §2.12, with a well-formed body, so
 * the role check and not the body decides.
 */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class AuthorisationMatrixTest {
    static final String ID = "0190b0c0-0000-7000-8000-000000000001";
    static final String PROFILE = "{\"name\": \"matrix-profile\", \"translation\": {}, "
            + "\"deployment\": {\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}}";
    static final String VERIFY = "{\"schema\": \"wallaby-hires-output-inventory/v1\", \"patterns\": [\"*.fits\"], "
            + "\"pattern_counts\": {\"*.fits\": 1}, \"products\": [{\"path\": \"a.fits\", \"bytes\": 1, \"sha256\": \""
            + "0".repeat(64) + "\"}], \"inventory_sha256\": \"" + "0".repeat(64) + "\", "
            + "\"durable_destination_uri\": \"s3://bucket/x\", \"publication\": {\"acknowledged\": true, "
            + "\"publisher\": \"p\", \"receipt_id\": \"r\", \"published_at\": \"2026-01-01T00:00:00Z\"}}";
    static final String ABANDON = "{\"reason\": \"r\", \"expected_submission_state\": \"uncertain\", "
            + "\"expected_daliuge_session_id\": \"s\", \"expected_submission_deadline_at\": \"2026-01-01T00:00:00Z\", "
            + "\"acknowledge_external_job_may_exist\": true}";

    /** Every superuser operation of 20-api §2.12 with a body that binds. */
    static final Map<String, String> SUPERUSER = new LinkedHashMap<>();

    static {
        SUPERUSER.put("POST /api/v2/project-configs", "@config");
        SUPERUSER.put("POST /api/v2/project-configs/{id}/wasm", "@wasm");
        SUPERUSER.put("POST /api/v2/deployment-profiles", PROFILE);
        SUPERUSER.put("PATCH /api/v2/deployment-profiles/{id}", PROFILE);
        SUPERUSER.put("DELETE /api/v2/deployment-profiles/{id}", null);
        SUPERUSER.put("POST /api/v2/workers", "{\"instance_name\": \"w\", \"host\": \"h\", \"version\": \"1\"}");
        SUPERUSER.put("POST /api/v2/workers/{id}/drain", null);
        SUPERUSER.put("POST /api/v2/workers/{id}/resume", null);
        SUPERUSER.put("POST /api/v2/jobs", "{\"kind\": \"noop\"}");
        SUPERUSER.put("POST /api/v2/executions/{id}/outputs/verify", VERIFY);
        SUPERUSER.put("POST /api/v2/executions/{id}/submission/abandon", ABANDON);
        SUPERUSER.put("POST /api/v2/notification-channels", "{\"name\": \"n\", \"kind\": \"webhook\", \"config\": {\"url\": {\"env\": \"X\"}}}");
        SUPERUSER.put("PATCH /api/v2/notification-channels/{id}", "{\"enabled\": false}");
        SUPERUSER.put("DELETE /api/v2/notification-channels/{id}", null);
        SUPERUSER.put("POST /api/v2/notification-channels/{id}/test", null);
        SUPERUSER.put("POST /api/v2/alert-rules", "{\"name\": \"r\", \"trigger_kind\": \"daily_summary\", \"trigger_config\": {}, \"channel_ids\": []}");
        SUPERUSER.put("PATCH /api/v2/alert-rules/{id}", "{\"enabled\": false}");
        SUPERUSER.put("DELETE /api/v2/alert-rules/{id}", null);
    }

    static final List<String> TABLES = List.of("users", "source_registry", "batch_execution_record", "jobs",
            "daliuge_deployment_profile", "project_configs", "worker_instances", "notification_channels", "alert_rules",
            "alert_deliveries", "provenance_events", "project_config_wasm", "token_blacklist");

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    static String concrete(String path) {
        return path.replace("{id}", ID).replace("{slot}", "slot-a").replace("{module}", "wallaby_hires")
                .replace("{sha256}", "0".repeat(64));
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, db.sql().count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    static Response send(RequestSpecification spec, String method, String path, String body) {
        RequestSpecification request = given().spec(spec);
        if ("@config".equals(body)) {
            request = request.contentType("application/x-yaml").body(RepoFiles.example("hipass_sample.v2.yaml").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if ("@wasm".equals(body)) {
            request = request.contentType("application/octet-stream").body(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        } else if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.request(method, concrete(path));
    }

    @Test
    void everyProtectedOperationRejectsAMissingOrBadToken() {
        Map<String, Long> before = counts();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (ReferenceOpenApi.Operation op : ReferenceOpenApi.operations(ReferenceOpenApi.load())) {
            if (!op.secured() || OpenApiContractTest.PUBLIC_BY_DECISION.contains(op.id())) {
                continue;
            }
            String key = op.method().toUpperCase() + " " + op.path();
            String body = SUPERUSER.getOrDefault(key, op.node().has("requestBody") ? "{}" : null);
            for (String header : new String[]{null, "Bearer not-a-token", "Basic YWRtaW46YWRtaW4="}) {
                RequestSpecification spec = header == null ? given() : given().header("Authorization", header);
                Response r = send(spec, op.method().toUpperCase(), op.path(), body);
                checked++;
                if (r.statusCode() != 401 || !"unauthorized".equals(r.jsonPath().getString("code"))
                        || !"authentication failed".equals(r.jsonPath().getString("error"))) {
                    wrong.add(key + " with " + header + " -> " + r.statusCode() + " " + r.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(3 * 69);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void everySuperuserOperationIsForbiddenToAnOrdinaryUser() {
        RequestSpecification user = Operators.bearer(Operators.userToken(db, tokens));
        Map<String, Long> before = counts();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> entry : SUPERUSER.entrySet()) {
            String[] parts = entry.getKey().split(" ", 2);
            Response r = send(user, parts[0], parts[1], entry.getValue());
            if (r.statusCode() != 403 || !"forbidden".equals(r.jsonPath().getString("code"))
                    || !"superuser required".equals(r.jsonPath().getString("error"))) {
                wrong.add(entry.getKey() + " -> " + r.statusCode() + " " + r.asString());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theMatrixCoversEverySuperuserOperationOfTheReference() {
        // 20-api §2.12 lists 18 superuser operations; the table above is that list
        assertThat(SUPERUSER).hasSize(18);
        List<String> known = ReferenceOpenApi.operations(ReferenceOpenApi.load()).stream()
                .map(op -> op.method().toUpperCase() + " " + op.path()).toList();
        assertThat(known).containsAll(SUPERUSER.keySet());
    }

    @Test
    void anOrdinaryUserCanReadAndUseNonSuperuserRoutes() {
        RequestSpecification user = Operators.bearer(Operators.userToken(db, tokens));
        given().spec(user).get("/api/v2/user/me").then().statusCode(200);
        given().spec(user).get("/api/v2/deployment-profiles").then().statusCode(200);
        given().spec(user).get("/api/v2/projects").then().statusCode(200);
        assertThat(UUID.fromString(ID)).isNotNull();
    }
}
