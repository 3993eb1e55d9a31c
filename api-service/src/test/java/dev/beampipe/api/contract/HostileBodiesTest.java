package dev.beampipe.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 5: malformed and hostile bodies (wrong types, huge strings, deep nesting, invalid UTF-8,
 * SQL and script payloads, NUL characters) sent by a superuser to every write endpoint each get a 4xx JSON
 * {@code ApiErrorResponse}, and the database is unchanged afterwards (row counts of every table compared).
 */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class HostileBodiesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SQL = "'; DROP TABLE users; --";
    static final String SCRIPT = "<script>alert(1)</script>";

    /** An endpoint, a well-formed template body, and the JSON pointer of a field the endpoint validates. */
    record Endpoint(String path, String template, String checkedField) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/v2/jobs", "{\"kind\": \"noop\", \"payload\": {\"n\": 1}}", "/kind"),
            new Endpoint("/api/v2/deployment-profiles", "{\"name\": \"hostile-profile\", \"translation\": {}, "
                    + "\"deployment\": {\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}}", "/name"),
            new Endpoint("/api/v2/sources", "{\"project_module\": \"hostile_mod\", \"source_identifier\": \"HIPASSJ0000-00\", "
                    + "\"enabled\": true}", "/source_identifier"),
            new Endpoint("/api/v2/sources/bulk", "{\"items\": [{\"project_module\": \"hostile_mod\", "
                    + "\"source_identifier\": \"HIPASSJ0000-00\"}]}", "/items/0/source_identifier"),
            new Endpoint("/api/v2/sources/discover", "{\"project_module\": \"hostile_mod\"}", "/project_module"),
            new Endpoint("/api/v2/executions", "{\"project_module\": \"hostile_mod\", \"sources\": [{\"source_identifier\": "
                    + "\"S1\"}], \"archive_name\": \"casda\", \"deployment_profile_id\": \"0190b0c0-0000-7000-8000-000000000009\"}",
                    "/deployment_profile_id"),
            new Endpoint("/api/v2/workers", "{\"instance_name\": \"w\", \"host\": \"h\", \"version\": \"1\", \"role\": \"worker\"}", "/role"),
            new Endpoint("/api/v2/notification-channels", "{\"name\": \"hostile-channel\", \"kind\": \"webhook\", "
                    + "\"config\": {\"url\": {\"env\": \"HOSTILE_URL\"}}}", "/kind"),
            new Endpoint("/api/v2/alert-rules", "{\"name\": \"hostile-rule\", \"trigger_kind\": \"daily_summary\", "
                    + "\"trigger_config\": {}, \"channel_ids\": []}", "/trigger_kind"),
            new Endpoint("/api/v2/login", "{\"username\": \"nobody\", \"password\": \"x\"}", "/username"),
            new Endpoint("/api/v2/graphs/prepare", "{\"project_module\": \"hostile_mod\", \"source_identifiers\": [\"S1\"]}",
                    "/project_module"),
            new Endpoint("/api/v2/executions/0190b0c0-0000-7000-8000-00000000000a/execute", "{\"do_stage\": false}", "/do_stage"));

    record Body(byte[] bytes, String contentType) {
    }

    /** The mutations: each turns an endpoint's template into a body that must be refused. */
    static final Map<String, Function<Endpoint, Body>> MUTATIONS = new LinkedHashMap<>();

    static {
        MUTATIONS.put("truncated JSON", e -> json(e.template().substring(0, e.template().length() / 2)));
        MUTATIONS.put("array instead of object", e -> json("[]"));
        MUTATIONS.put("string instead of object", e -> json("\"text\""));
        MUTATIONS.put("number instead of object", e -> json("42"));
        MUTATIONS.put("null body", e -> json("null"));
        MUTATIONS.put("empty body", e -> json(""));
        MUTATIONS.put("5000 nested arrays", e -> json("[".repeat(5000) + "]".repeat(5000)));
        MUTATIONS.put("5000 nested objects", e -> json("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        MUTATIONS.put("invalid UTF-8 in a value", e -> new Body(invalidUtf8(e), "application/json"));
        MUTATIONS.put("3 MiB string", e -> json(with(e, JSON.getNodeFactory().textNode("x".repeat(3 * 1024 * 1024)))));
        MUTATIONS.put("text/plain content type", e -> new Body(e.template().getBytes(StandardCharsets.UTF_8), "text/plain"));
        MUTATIONS.put("number for the checked field", e -> json(with(e, JSON.getNodeFactory().numberNode(12345))));
        MUTATIONS.put("object for the checked field", e -> json(with(e, JSON.createObjectNode().put("$gt", ""))));
        MUTATIONS.put("SQL in the checked field", e -> json(with(e, JSON.getNodeFactory().textNode(SQL))));
        MUTATIONS.put("script in the checked field", e -> json(with(e, JSON.getNodeFactory().textNode(SCRIPT))));
        MUTATIONS.put("NUL in the checked field", e -> json(with(e, JSON.getNodeFactory().textNode("a\u0000b"))));
        MUTATIONS.put("trailing garbage", e -> json(e.template() + " {\"x\": 1}"));
    }

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    static Body json(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static String with(Endpoint e, JsonNode value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(e.template());
            String pointer = e.checkedField();
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = root.at(pointer.substring(0, slash));
            String key = pointer.substring(slash + 1);
            if (parent.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(key), value);
            } else {
                ((ObjectNode) parent).set(key, value);
            }
            return JSON.writeValueAsString(root);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] invalidUtf8(Endpoint e) {
        String marker = "MARKER";
        String text = with(e, JSON.getNodeFactory().textNode(marker));
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28});
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : AuthorisationMatrixTest.TABLES) {
            counts.put(table, db.sql().count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    @Test
    void everyHostileBodyIsA4xxJsonErrorAndChangesNothing() {
        RequestSpecification admin = Operators.bearer(Operators.superuserToken(db, tokens));
        Map<String, Long> before = counts();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (Map.Entry<String, Function<Endpoint, Body>> mutation : MUTATIONS.entrySet()) {
                Body body = mutation.getValue().apply(endpoint);
                Response r = given().spec(admin).contentType(body.contentType()).body(body.bytes()).post(endpoint.path());
                sent++;
                int status = r.statusCode();
                String code = status == 413 || r.contentType().startsWith("application/json") ? r.jsonPath().getString("code") : null;
                if (status < 400 || status >= 500 || status == 404 || status == 405 || code == null
                        || r.jsonPath().getString("failure.message") == null) {
                    wrong.add(endpoint.path() + " / " + mutation.getKey() + " -> " + status + " "
                            + r.asString().substring(0, Math.min(200, r.asString().length())));
                }
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(wrong).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }
}
