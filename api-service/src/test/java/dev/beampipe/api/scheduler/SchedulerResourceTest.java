package dev.beampipe.api.scheduler;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class SchedulerResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;
    RequestSpecification admin;

    @BeforeEach
    void setUp() {
        user = Operators.bearer(Operators.userToken(db, tokens));
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    String profile(String deployment) {
        String name = "sched-" + UUID.randomUUID().toString().substring(0, 8);
        given().spec(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"translation\": {}, \"deployment\": " + deployment + "}")
                .post("/api/v2/deployment-profiles").then().statusCode(201);
        return name;
    }

    @Test
    void restProfilesAndUnknownProfilesAreRefused() {
        String rest = profile("{\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}");
        ErrorBody.assertError(given().spec(user).queryParam("profile", rest).get("/api/v2/scheduler/status").then(),
                400, "bad_request", "validation").body("error", equalTo("deployment profile '" + rest + "' is not slurm_remote"));
        ErrorBody.assertError(given().spec(user).queryParam("profile", "absent-profile").get("/api/v2/scheduler/status").then(),
                404, "not_found", "not_found");
    }

    @Test
    void jobsListsSlurmExecutionsNewestFirst() {
        String module = "sched_" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, scheduler_name, "
                            + "scheduler_job_id, scheduler_state, status, created_at) VALUES ($1, $2, '[]'::jsonb, 'casda', 'slurm', $3, "
                            + "'running', 'awaiting_scheduler', now() + make_interval(secs => $4))",
                    id, module, "4242" + i, 3600.0 + i);
        }
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, scheduler_name) "
                + "VALUES ($1, $2, '[]'::jsonb, 'casda', 'daliuge')", UUID.randomUUID(), module);
        var page = given().spec(user).queryParam("limit", 2).get("/api/v2/scheduler/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("execution_id")).containsExactly(ids.get(2).toString(), ids.get(1).toString());
        assertThat(page.getString("[0].scheduler_job_id")).isEqualTo("42422");
        assertThat(page.getString("[0].execution_status")).isEqualTo("awaiting_scheduler");
        assertThat(page.getString("[0].project_module")).isEqualTo(module);
        assertThat(given().spec(user).queryParam("limit", 1).queryParam("offset", 2).get("/api/v2/scheduler/jobs").then()
                .statusCode(200).extract().jsonPath().getList("execution_id")).containsExactly(ids.get(0).toString());
        ErrorBody.assertError(given().spec(user).queryParam("limit", "abc").get("/api/v2/scheduler/jobs").then(),
                400, "bad_request", "validation");
    }
}
