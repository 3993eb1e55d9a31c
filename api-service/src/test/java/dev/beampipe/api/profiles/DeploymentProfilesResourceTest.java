package dev.beampipe.api.profiles;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class DeploymentProfilesResourceTest {
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
    static final String PATH = "/api/v2/deployment-profiles";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> DOCUMENT_FIELDS = List.of("name", "description", "project_module", "is_default",
            "max_concurrent_executions", "translation", "deployment");

    @Inject
    Database db;

    /** A profile file with a unique name and, unless given, a unique project module (so defaults never collide). */
    static ObjectNode profile(String text, String module) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(text);
        doc.put("name", RepoFiles.unique("p-"));
        doc.put("project_module", module == null ? RepoFiles.unique("mod_") : module);
        return doc;
    }

    static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body.toString()).when().post(PATH);
    }

    static Response patch(String id, Object body) {
        return given().contentType(ContentType.JSON).body(body.toString()).when().patch(PATH + "/" + id);
    }

    @Test
    void createsTheReferenceRestProfileAndReadsItBack() throws Exception {
        ObjectNode doc = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null);
        Response created = post(doc);
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("name", equalTo(doc.get("name").asText()))
                .body("is_default", equalTo(true))
                .body("max_concurrent_executions", equalTo(1))
                .body("revision", equalTo(1))
                .body("spec_sha256", matchesPattern("[0-9a-f]{64}"))
                .body("translation.tm_url", equalTo("http://dlg-tm:8084"))
                .body("deployment.kind", equalTo("rest_remote"))
                .body("deployment.deploy_host", equalTo("dlg-dim"))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("updated_at", nullValue());
        String id = created.path("uuid");
        JsonNode read = JSON.readTree(given().get(PATH + "/" + id).then().statusCode(200).extract().asString());
        assertThat(read).isEqualTo(JSON.readTree(created.asString()));
        given().get(PATH).then().statusCode(200).body("[0].uuid", equalTo(id));
    }

    @Test
    void aSlurmProfileSurvivesAReadThenPatchRoundTripUnchanged() throws Exception {
        ObjectNode doc = profile(RepoFiles.reference("config/deployment_profile.slurm-remote.json"), null);
        String id = post(doc).then().statusCode(201).body("deployment.ssh_credential", equalTo("setonix"))
                .extract().path("uuid");
        JsonNode before = JSON.readTree(given().get(PATH + "/" + id).then().statusCode(200).extract().asString());
        ObjectNode body = JSON.createObjectNode();
        DOCUMENT_FIELDS.forEach(f -> body.set(f, before.get(f)));

        JsonNode after = JSON.readTree(patch(id, body).then().statusCode(200).extract().asString());
        assertThat(after.get("revision").asInt()).isEqualTo(2);
        assertThat(after.get("spec_sha256")).isEqualTo(before.get("spec_sha256"));
        assertThat(after.get("updated_at").asText()).matches(TIMESTAMP);
        for (String f : DOCUMENT_FIELDS) {
            assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
        }
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
    }

    @Test
    void ourExampleRestProfileIsAccepted() throws Exception {
        post(profile(RepoFiles.example("deployment_profile.local-dim.json"), null)).then().statusCode(201)
                .body("deployment.kind", equalTo("rest_remote"));
    }

    @Test
    void patchReplacesTheWholeDocument() throws Exception {
        ObjectNode doc = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null);
        Response created = post(doc);
        String id = created.path("uuid");
        doc.put("description", "moved");
        doc.remove("max_concurrent_executions");
        ((ObjectNode) doc.get("translation")).remove("tm_url");
        patch(id, doc).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("description", equalTo("moved"))
                .body("max_concurrent_executions", nullValue())
                .body("translation.tm_url", nullValue())
                .body("spec_sha256", org.hamcrest.Matchers.not(equalTo(created.path("spec_sha256"))));
    }

    @Test
    void aSecondDefaultInTheSameScopeAndADuplicateNameAre409() throws Exception {
        String module = RepoFiles.unique("mod_");
        ObjectNode first = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), module);
        post(first).then().statusCode(201);
        ObjectNode second = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), module);
        assertError(post(second).then(), 409, "conflict", "inconsistent_state")
                .body("error", equalTo("deployment profile '" + second.get("name").asText() + "' is already the default for " + module));

        second.put("is_default", false);
        String secondId = post(second).then().statusCode(201).extract().path("uuid");
        second.put("is_default", true);
        assertError(patch(secondId, second).then(), 409, "conflict", "inconsistent_state")
                .body("error", containsString("is already the default for " + module));

        ObjectNode sameName = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null);
        sameName.put("name", first.get("name").asText());
        sameName.put("is_default", false);
        assertError(post(sameName).then(), 409, "conflict", "inconsistent_state")
                .body("error", equalTo("deployment profile '" + first.get("name").asText() + "' already exists"));
        assertError(patch(secondId, sameName).then(), 409, "conflict", "inconsistent_state");
    }

    @Test
    void structuralErrorsAre422AndRuleViolations400() throws Exception {
        ObjectNode doc = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null);
        doc.put("bogus", 1);
        assertError(post(doc).then(), 422, "unprocessable_entity", "validation")
                .body("error", containsString("unknown field `bogus`"));
        doc.remove("bogus");
        ((ObjectNode) doc.get("deployment")).put("extra", true);
        assertError(post(doc).then(), 422, "unprocessable_entity", "validation")
                .body("error", containsString("deployment.extra: unknown field `extra`"));
        ((ObjectNode) doc.get("deployment")).remove("extra");
        ((ObjectNode) doc.get("translation")).put("algo", "fastest");
        assertError(post(doc).then(), 422, "unprocessable_entity", "validation")
                .body("error", containsString("unknown variant `fastest`"));
        ((ObjectNode) doc.get("translation")).put("algo", "metis");
        doc.remove("deployment");
        assertError(post(doc).then(), 422, "unprocessable_entity", "validation")
                .body("error", containsString("missing field `deployment`"));
        assertError(post("[1]").then(), 422, "unprocessable_entity", "validation");

        ObjectNode badName = profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null);
        badName.put("name", "no spaces allowed");
        assertError(post(badName).then(), 400, "bad_request", "validation")
                .body("error", equalTo("name must be 1-50 ASCII letters, digits, '.', '_', or '-'"));
        ObjectNode slurm = profile(RepoFiles.reference("config/deployment_profile.slurm-remote.json"), null);
        ((ObjectNode) slurm.get("deployment")).put("dlg_root", "/");
        assertError(post(slurm).then(), 400, "bad_request", "validation")
                .body("error", equalTo("deployment.dlg_root must be a dedicated directory, not the remote filesystem root"));
    }

    @Test
    void bodiesMustBeJson() {
        assertError(given().contentType("text/plain").body("{}").when().post(PATH).then(), 415, "unsupported_media_type", "validation");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": ").when().post(PATH).then(), 400, "bad_request", "validation")
                .body("error", containsString("Failed to parse the request body as JSON"));
        assertError(given().contentType(ContentType.JSON).when().post(PATH).then(), 400, "bad_request", "validation");
    }

    @Test
    void unknownIdsAre404AndBadIds400() throws Exception {
        String unknown = UUID.randomUUID().toString();
        assertError(given().get(PATH + "/" + unknown).then(), 404, "not_found", "not_found");
        assertError(patch(unknown, profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null)).then(),
                404, "not_found", "not_found");
        assertError(given().delete(PATH + "/" + unknown).then(), 404, "not_found", "not_found");
        assertError(given().get(PATH + "/not-a-uuid").then(), 400, "bad_request", "validation")
                .body("error", containsString("Invalid URL"));
    }

    @Test
    void deleteRemovesAProfileUnlessAnExecutionReferencesIt() throws Exception {
        String free = post(profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null)).path("uuid");
        given().delete(PATH + "/" + free).then().statusCode(204).body(equalTo(""));
        assertError(given().get(PATH + "/" + free).then(), 404, "not_found", "not_found");

        String used = post(profile(RepoFiles.reference("config/deployment_profile.dlg-dim.json"), null)).path("uuid");
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, deployment_profile_id) "
                + "VALUES ($1, 'wallaby_hires', '[]'::jsonb, 'casda', $2)", UUID.randomUUID(), UUID.fromString(used));
        assertError(given().delete(PATH + "/" + used).then(), 409, "conflict", "inconsistent_state")
                .body("error", equalTo("deployment profile is referenced by executions and cannot be deleted"));
        given().get(PATH + "/" + used).then().statusCode(200).body("uuid", notNullValue());
    }
}
