package dev.beampipe.api.projects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.config.yaml.YamlTreeLoader;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ProjectConfigsResourceTest {
    @Inject
    Tokens tokens;

    @BeforeEach
    void actAsSuperuser() {
        Operators.actAsSuperuser(db, tokens);
    }

    @AfterEach
    void forgetToken() {
        Operators.reset();
    }

    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z";
    static final String SHA = "[0-9a-f]{64}";

    @Inject
    Database db;

    static String wallaby(String id) {
        return RepoFiles.reference("config/wallaby_hires.v2.yaml").replaceFirst("(?m)^  id: wallaby_hires$", "  id: " + id);
    }

    static String hipass(String id) {
        return RepoFiles.example("hipass_sample.v2.yaml").replaceFirst("(?m)^  id: hipass_sample$", "  id: " + id);
    }

    static Response upload(String text, String contentType) {
        return given().contentType(contentType).body(text.getBytes(StandardCharsets.UTF_8)).when().post("/api/v2/project-configs");
    }

    long stored(String projectId) {
        return db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = $1", projectId);
    }

    @Test
    void uploadsMakeVersionsAndOnlyTheNewestIsActive() {
        String id = RepoFiles.unique("wallaby_");
        String first = upload(wallaby(id), "application/x-yaml").then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("project_id", equalTo(id))
                .body("valid", equalTo(true))
                .body("errors", empty())
                .body("spec_sha256", matchesPattern(SHA))
                .extract().path("spec_sha256");
        upload(wallaby(id), "application/x-yaml").then().statusCode(201).body("spec_sha256", equalTo(first));

        given().get("/api/v2/project-configs/" + id).then().statusCode(200)
                .body("project_id", equalTo(id))
                .body("version", equalTo(2))
                .body("active", equalTo(true))
                .body("spec_sha256", equalTo(first))
                .body("spec.metadata.id", equalTo(id))
                .body("uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("uploaded_at", matchesPattern(TIMESTAMP));
        given().get("/api/v2/project-configs/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(2, 1)))
                .body("active", equalTo(List.of(true, false)))
                .body("spec_sha256", equalTo(List.of(first, first)));
        given().get("/api/v2/projects").then().statusCode(200)
                .body("findAll { it.project_id == '" + id + "' }", equalTo(List.of(Map.of("project_id", id, "version", 2, "active", true))));
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE event_type = 'config.activated' "
                + "AND project_module = $1 AND actor = 'system:api'", id)).isEqualTo(2);
    }

    @Test
    void aChangedUploadWarnsAboutInFlightExecutionsPinningAnotherRevision() {
        String id = RepoFiles.unique("wallaby_");
        upload(wallaby(id), "text/plain").then().statusCode(201);
        UUID v1 = db.sql().first("SELECT uuid FROM project_configs WHERE project_id = $1 AND version = 1", r -> r.getUUID(0), id)
                .orElseThrow();
        execution(id, v1, "running");
        execution(id, v1, "completed");
        // the same document again: the pinned hash is the uploaded one, no warning
        upload(wallaby(id), "text/plain").then().statusCode(201).body("warnings.code", not(hasItem("in_flight_config_pins")));

        String changed = wallaby(id).replace("WALLABY HiRes CASDA pipeline reference config", "WALLABY HiRes, second revision");
        Response third = upload(changed, "text/plain");
        third.then().statusCode(201)
                .body("valid", equalTo(true))
                .body("warnings.findAll { it.code == 'in_flight_config_pins' }.path", equalTo(List.of("spec_sha256")))
                .body("warnings.findAll { it.code == 'in_flight_config_pins' }.severity", equalTo(List.of("warning")))
                .body("warnings.findAll { it.code == 'in_flight_config_pins' }.message", equalTo(List.of(
                        "1 in-flight execution(s) pin a different project config spec_sha256; new config applies to future runs only")));
        given().get("/api/v2/project-configs/" + id).then().body("version", equalTo(3))
                .body("spec_sha256", equalTo(third.path("spec_sha256")));
    }

    private void execution(String projectId, UUID configId, String status) {
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, project_config_id) "
                + "VALUES ($1, $2, '[{\"source_identifier\":\"HIPASSJ0000-00\"}]'::jsonb, 'casda', $3, $4)",
                UUID.randomUUID(), projectId, status, configId);
    }

    @Test
    void jsonBodiesAreAcceptedWithAnyContentType() throws Exception {
        String id = RepoFiles.unique("hipass_");
        String json = YamlTreeLoader.load(hipass(id).getBytes(StandardCharsets.UTF_8)).toString();
        String sha = upload(json, "application/json").then().statusCode(201).body("project_id", equalTo(id))
                .extract().path("spec_sha256");
        // the same model from YAML hashes the same
        upload(hipass(id), "application/octet-stream").then().statusCode(201).body("spec_sha256", equalTo(sha));
        given().body(hipass(id).getBytes(StandardCharsets.UTF_8)).when().post("/api/v2/project-configs")
                .then().statusCode(201).body("spec_sha256", equalTo(sha));
        // even a form content type is read as the raw text
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .contentType("application/x-www-form-urlencoded").body(hipass(id)).when().post("/api/v2/project-configs")
                .then().statusCode(201).body("spec_sha256", equalTo(sha));
        assertThat(stored(id)).isEqualTo(4);
    }

    @Test
    void anInvalidConfigIs400WithItsDiagnosticsAndNothingIsStored() {
        String id = RepoFiles.unique("hipass_");
        String invalid = hipass(id).replace("kind: extract_digits", "kind: extract_digits\n      bogus_option: 1");
        assertError(upload(invalid, "application/x-yaml").then(), 400, "project_config_validation_failed", "validation")
                .body("failure.component", equalTo("project_config"))
                .body("error", equalTo("project config validation failed"))
                .body("failure.system_action", equalTo("the project configuration was not activated"))
                .body("failure.diagnostics[0].severity", equalTo("error"))
                .body("failure.diagnostics[0].code", equalTo("invalid_config_structure"))
                .body("failure.diagnostics[0].path", containsString("definitions.transforms"));

        String tooLong = "x".repeat(81);
        assertError(upload(hipass(tooLong), "application/x-yaml").then(), 400, "project_config_validation_failed", "validation")
                .body("failure.diagnostics.path", hasItem("metadata.id"))
                .body("failure.diagnostics.code", hasItem("invalid_limit"));

        assertError(upload("apiVersion: [unclosed", "application/x-yaml").then(), 400, "project_config_validation_failed",
                "validation").body("failure.diagnostics[0].code", equalTo("invalid_yaml"));
        assertError(upload("", "text/plain").then(), 400, "project_config_validation_failed", "validation");

        assertThat(stored(id)).isZero();
        assertThat(stored(tooLong)).isZero();
        assertError(given().get("/api/v2/project-configs/" + id).then(), 404, "not_found", "not_found");
        given().get("/api/v2/project-configs/" + id + "/versions").then().statusCode(200).body("$", empty());
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        byte[] latin1 = "metadata:\n  id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertError(given().contentType("text/plain").body(latin1).when().post("/api/v2/project-configs").then(),
                400, "bad_request", "validation")
                .body("error", equalTo("Request body didn't contain valid UTF-8: invalid utf-8 sequence of 1 bytes from index 19"));
    }

    @Test
    void contractsRevalidateTheActiveSpec() {
        String id = RepoFiles.unique("hipass_");
        String sha = upload(hipass(id), "application/x-yaml").then().statusCode(201).extract().path("spec_sha256");
        given().get("/api/v2/projects/contracts/" + id).then().statusCode(200)
                .body("project_id", equalTo(id))
                .body("valid", equalTo(true))
                .body("errors", empty())
                .body("spec_sha256", equalTo(sha));
        given().get("/api/v2/projects/contracts").then().statusCode(200)
                .body("findAll { it.project_id == '" + id + "' }.spec_sha256", equalTo(List.of(sha)));
        assertError(given().get("/api/v2/projects/contracts/" + RepoFiles.unique("none_")).then(), 404, "not_found", "not_found");
    }

    @Test
    void aStoredSpecThatNoLongerBindsIsSkippedInTheListAnd400Alone() {
        String id = RepoFiles.unique("stale_");
        db.sql().update("INSERT INTO project_configs (uuid, project_id, version, spec, spec_sha256, active, uploaded_at) "
                + "VALUES ($1, $2, 1, '{\"apiVersion\": \"beampipe.dev/v2\", \"bogus\": true}'::jsonb, $3, true, now())",
                UUID.randomUUID(), id, "0".repeat(64));
        assertError(given().get("/api/v2/projects/contracts/" + id).then(), 400, "project_config_parse_failed", "configuration")
                .body("failure.component", equalTo("project_config"));
        given().get("/api/v2/projects/contracts").then().statusCode(200)
                .body("findAll { it.project_id == '" + id + "' }", empty());
        // the row itself is still readable, and listed as a project
        given().get("/api/v2/project-configs/" + id).then().statusCode(200).body("spec.bogus", equalTo(true))
                .body("spec_sha256", equalTo("0".repeat(64)));
        given().get("/api/v2/projects").then().body("findAll { it.project_id == '" + id + "' }.version", equalTo(List.of(1)));
    }

    @Test
    void specKeysComeBackSortedLikeTheReference() {
        String id = RepoFiles.unique("hipass_");
        upload(hipass(id), "application/x-yaml").then().statusCode(201);
        String body = given().get("/api/v2/project-configs/" + id).then().statusCode(200).extract().asString();
        int adapters = body.indexOf("\"adapters\"");
        int apiVersion = body.indexOf("\"apiVersion\"");
        int metadata = body.indexOf("\"metadata\"");
        assertThat(adapters).isPositive().isLessThan(apiVersion);
        assertThat(apiVersion).isLessThan(metadata);
        given().get("/api/v2/project-configs/" + id).then().body("spec.metadata.description", not(nullValue()));
    }
}
