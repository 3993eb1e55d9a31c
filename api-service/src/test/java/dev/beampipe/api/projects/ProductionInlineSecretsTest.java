package dev.beampipe.api.projects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The production inline-secret gate on project configs and profiles (20-api §5.2, decision 13). */
@QuarkusTest
@TestProfile(ProductionInlineSecretsTest.Production.class)
@WithTestResource(ApiTestDatabase.class)
class ProductionInlineSecretsTest {
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

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BEAMPIPE_ENV", "production", "BEAMPIPE_CORS_ALLOW_ORIGINS", "https://console.example.test");
        }
    }

    @Inject
    Database db;

    @Test
    void aProjectConfigWithAnInlineSecretIsRejectedAndNotStored() {
        String id = RepoFiles.unique("hipass_");
        String text = RepoFiles.example("hipass_sample.v2.yaml").replaceFirst("(?m)^  id: hipass_sample$", "  id: " + id)
                .replace("    vsys: \"{flags.vsys}\"", "    vsys: \"{flags.vsys}\"\n    api_token: \"s3cr3t\"");
        assertError(given().contentType("application/x-yaml").body(text.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v2/project-configs").then(), 400, "bad_request", "validation")
                .body("error", equalTo("inline secrets are not allowed in production for project_config; "
                        + "use env/file secret refs for: manifest.source_template.api_token"));
        assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = $1", id)).isZero();
    }

    @Test
    void aSlurmProfileNamingACredentialSlotIsAccepted() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(RepoFiles.reference("config/deployment_profile.slurm-remote.json"));
        doc.put("name", RepoFiles.unique("p-"));
        given().contentType(ContentType.JSON).body(doc.toString()).when().post("/api/v2/deployment-profiles")
                .then().statusCode(201).body("deployment.ssh_credential", equalTo("setonix"));
    }
}
