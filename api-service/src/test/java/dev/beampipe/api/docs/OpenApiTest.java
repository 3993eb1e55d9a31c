package dev.beampipe.api.docs;

import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class OpenApiTest {
    @Test
    void theRuntimeSpecIsServedAsJson() {
        given().when().get("/api/v2/openapi.json").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("openapi", startsWith("3."))
                .body("info.title", equalTo("Beampipe"))
                .body("paths", hasKey("/api/v2/health"))
                .body("paths", hasKey("/api/v2/ready"))
                .body("paths.'/api/v2/jobs'.post.operationId", equalTo("enqueue_job_handler"))
                .body("paths.'/api/v2/ready'.get.responses", hasKey("503"))
                .body("components.schemas.JobResponse.properties", hasKey("max_attempts"))
                .body("components.schemas.JobCreate.required", org.hamcrest.Matchers.hasItem("kind"))
                .body("components.schemas.ReadyResponse.properties", hasKey("tap_casda"))
                .body("components.schemas.Failure.properties", hasKey("class"))
                .body("components.schemas.Failure.properties", hasKey("system_action"));
    }

    @Test
    void projectConfigAndProfileOperationsAreDocumented() {
        given().when().get("/api/v2/openapi.json").then().statusCode(200)
                .body("paths.'/api/v2/project-configs'.post.operationId", equalTo("upload_project_config"))
                .body("paths.'/api/v2/project-configs'.post.requestBody.content", hasKey("text/plain"))
                .body("paths.'/api/v2/project-configs/{id}'.get.operationId", equalTo("get_project_config"))
                .body("paths.'/api/v2/project-configs/{id}/versions'.get.operationId", equalTo("list_project_config_versions"))
                .body("paths.'/api/v2/projects'.get.operationId", equalTo("list_projects"))
                .body("paths.'/api/v2/projects/contracts'.get.operationId", equalTo("list_project_contracts"))
                .body("paths.'/api/v2/projects/contracts/{id}'.get.operationId", equalTo("get_project_contract"))
                .body("paths.'/api/v2/deployment-profiles'.post.operationId", equalTo("create_deployment_profile"))
                .body("paths.'/api/v2/deployment-profiles'.get.operationId", equalTo("list_deployment_profiles"))
                .body("paths.'/api/v2/deployment-profiles/{id}'.get.operationId", equalTo("get_deployment_profile"))
                .body("paths.'/api/v2/deployment-profiles/{id}'.patch.operationId", equalTo("update_deployment_profile"))
                .body("paths.'/api/v2/deployment-profiles/{id}'.delete.operationId", equalTo("delete_deployment_profile"))
                .body("components.schemas.ValidationReport.required", org.hamcrest.Matchers.hasItem("spec_sha256"))
                .body("components.schemas.DeploymentProfile.required", org.hamcrest.Matchers.hasItem("deployment"))
                .body("components.schemas.ProjectConfigRow.properties", hasKey("uploaded_at"));
    }

    @Test
    void swaggerUiIsServedUnderDocs() {
        given().redirects().follow(false).when().get("/api/v2/docs").then().statusCode(302)
                .header("location", containsString("/api/v2/docs/"));
        given().when().get("/api/v2/docs/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("swagger"))
                .header("x-request-id", notNullValue());
    }
}
