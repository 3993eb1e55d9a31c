package dev.beampipe.api.executions.control;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /executions/{id}/submission/abandon} for a held DALiuGE REST submission (docs/rest-abandonment.md). */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class RestSubmissionAbandonResourceTest {
    static final String SID = "BeampipeExecution-rest-api";
    static final String DIM = "http://dim.example:8001";
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification admin;

    @BeforeEach
    void token() {
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    /** Uncertain for 26 h, the DIM answered not_found at -11/-6/-1 minutes (the poller's observation shape). */
    UUID held() {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot, submission_state, scheduler_name, daliuge_session_id, "
                        + "daliuge_manager_url, daliuge_state, submission_deadline_at) VALUES ($1, $2, $3, 'casda', "
                        + "'awaiting_scheduler', $4, 'uncertain', 'daliuge', $5, $6, 'not_created', "
                        + "date_trunc('milliseconds', now()) - interval '25 hours 30 minutes')", id,
                "m" + UUID.randomUUID().toString().substring(0, 8),
                new JsonArray().add(new JsonObject().put("source_identifier", "S1")),
                new JsonObject().put("deployment", new JsonObject().put("kind", "rest_remote")), SID, DIM);
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, now() - interval '26 hours')",
                Uuid7.next(), id, new JsonObject().put("daliuge_session_id", SID));
        for (int minutes : new int[]{11, 6, 1}) {
            db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, "
                            + "payload, observed_at) VALUES ($1, $2, 'daliuge_session', 'not_created', 'not_found', $3, "
                            + "now() - make_interval(mins => $4))", Uuid7.next(), id,
                    new JsonObject().put("session_id", SID).put("dim_endpoint", DIM).put("error_kind", "not_found"), minutes);
        }
        return id;
    }

    String body(UUID id) {
        String deadline = db.sql().first("SELECT submission_deadline_at FROM batch_execution_record WHERE uuid = $1",
                r -> r.getOffsetDateTime(0).toInstant().toString(), id).orElseThrow();
        return "{\"reason\": \"the DIM lost the session\", \"expected_submission_state\": \"uncertain\", "
                + "\"expected_daliuge_session_id\": \"" + SID + "\", \"expected_submission_deadline_at\": \"" + deadline
                + "\", \"acknowledge_external_job_may_exist\": true}";
    }

    @Test
    void aHeldRestSubmissionWithDimNegativeEvidenceIsAbandoned() {
        UUID id = held();
        given().spec(admin).contentType(ContentType.JSON).body(body(id))
                .post("/api/v2/executions/" + id + "/submission/abandon").then().statusCode(200)
                .body("status", equalTo("failed")).body("terminal_outcome", equalTo("inconsistent"))
                .body("submission_state", equalTo("uncertain"));
        assertThat(db.sql().first("SELECT payload->>'schema' FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_abandoned' AND actor LIKE 'user:%'", r -> r.getString(0), id))
                .contains("beampipe-dim-submission-abandonment/v1");
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body(body(id))
                .post("/api/v2/executions/" + id + "/submission/abandon").then(), 409, "submission_already_abandoned",
                "inconsistent_state");
    }

    @Test
    void aSessionTheDimKnewRefusesTheAbandonment() {
        UUID id = held();
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'pristine', 'PRISTINE', $3, now() - interval '3 hours')",
                Uuid7.next(), id, new JsonObject().put("session_id", SID).put("dim_endpoint", DIM));
        ErrorBody.assertError(given().spec(admin).contentType(ContentType.JSON).body(body(id))
                        .post("/api/v2/executions/" + id + "/submission/abandon").then(), 409,
                "submission_abandonment_dim_session_observed", "inconsistent_state");
        assertThat(db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                .contains("awaiting_scheduler");
    }
}
