package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.beampipe.model.ledger.control.ExecutionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operator abandonment of a held DALiuGE REST submission against PostgreSQL (docs/rest-abandonment.md): DIM poll
 * observations seeded with SQL at chosen times, every guard through the real transaction, and the effects.
 */
class RestAbandonmentTest {
    static final String SID = "BeampipeExecution-rest";
    static final String DIM = "http://dim.example:8001";
    static TestDatabase testDb;
    static Database db;
    static SubmissionAbandonmentTransition abandonment;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
        abandonment = new SubmissionAbandonmentTransition(db);
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    record Held(UUID id, OffsetDateTime deadline, UUID intent, List<UUID> negatives) {
    }

    /**
     * An uncertain REST submission held 26 h: intent at -26 h, deadline -25 h 30 min, and three {@code not_found}
     * DIM polls (as {@code DimPollLedger} writes them) at -11/-6/-1 minutes.
     */
    static Held held() {
        UUID id = execution(db, "m" + UUID.randomUUID().toString().substring(0, 8), "S1", "awaiting_scheduler");
        set(db, id, "submission_state = 'uncertain', scheduler_name = 'daliuge', daliuge_session_id = $2, "
                + "daliuge_manager_url = $3, daliuge_state = 'not_created', control_phase = 'monitoring', "
                + "failure_class = 'not_found', deployment_profile_snapshot = $4, "
                + "submission_deadline_at = date_trunc('milliseconds', now()) - interval '25 hours 30 minutes'", SID, DIM,
                new JsonObject().put("spec_sha256", "c".repeat(64)).put("deployment",
                        new JsonObject().put("kind", "rest_remote").put("deploy_host", "dim.example").put("deploy_port", 8001)));
        UUID intent = Uuid7.next();
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                        + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, "
                        + "now() - interval '26 hours')", intent, id,
                new JsonObject().put("daliuge_session_id", SID).put("backend", "daliuge"));
        List<UUID> negatives = new ArrayList<>();
        for (int minutes : new int[]{11, 6, 1}) {
            negatives.add(poll(id, "not_created", "not_found", DIM, minutes * 60));
        }
        OffsetDateTime deadline = db.sql().first("SELECT submission_deadline_at FROM batch_execution_record WHERE uuid = $1",
                r -> r.getOffsetDateTime(0), id).orElseThrow();
        return new Held(id, deadline, intent, negatives);
    }

    /** One DIM poll observation in the worker's shape, {@code secondsAgo} before now. */
    static UUID poll(UUID id, String normalized, String raw, String endpoint, int secondsAgo) {
        UUID obs = Uuid7.next();
        JsonObject payload = new JsonObject().put("session_id", SID).put("error_kind", raw).put("retryable", false);
        if (endpoint != null) {
            payload.put("dim_endpoint", endpoint);
        }
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', $3, $4, $5, now() - make_interval(secs => $6))",
                obs, id, normalized, raw, payload, secondsAgo);
        return obs;
    }

    static SubmissionAbandonment.Request request(Held h) {
        return new SubmissionAbandonment.Request("the DIM has not known the session for a day", "uncertain", SID,
                h.deadline(), true);
    }

    interface Change {
        void apply(Held h);
    }

    static Arguments guard(String code, Change change) {
        return Arguments.of(code, change);
    }

    static void sql(String statement, Object... args) {
        db.sql().update(statement, args);
    }

    static Stream<Arguments> guards() {
        return Stream.of(
                guard("submission_already_abandoned", h -> set(db, h.id(), "submission_abandoned_at = now()")),
                guard("submission_abandonment_terminal_execution", h -> set(db, h.id(),
                        "status = 'cancelled', terminal_outcome = 'cancelled', completed_at = now()")),
                guard("submission_abandonment_cas_mismatch", h -> set(db, h.id(), "scheduler_name = NULL")),
                guard("submission_abandonment_cas_mismatch", h -> set(db, h.id(), "submission_state = 'in_flight'")),
                guard("submission_abandonment_cas_mismatch", h -> set(db, h.id(), "daliuge_session_id = 'other'")),
                guard("submission_abandonment_cas_mismatch", h -> set(db, h.id(),
                        "submission_deadline_at = submission_deadline_at + interval '1 millisecond'")),
                guard("submission_abandonment_daliuge_active", h -> set(db, h.id(), "daliuge_state = 'running'")),
                guard("submission_abandonment_daliuge_active", h -> set(db, h.id(), "daliuge_state = 'deploying'")),
                guard("submission_abandonment_profile_unpinned", h -> set(db, h.id(), "deployment_profile_snapshot = NULL")),
                guard("submission_abandonment_intent_missing", h -> sql("DELETE FROM execution_observations WHERE uuid = $1",
                        h.intent())),
                guard("submission_abandonment_target_unpinned", h -> set(db, h.id(), "daliuge_manager_url = NULL")),
                guard("submission_abandonment_active_execute_lease", h -> sql("INSERT INTO jobs (uuid, kind, payload, "
                        + "status, execution_id, created_at, lease_expires_at, locked_until) VALUES ($1, 'execute', '{}', "
                        + "'running', $2, now() - interval '26 hours', now() + interval '1 minute', now() + interval '1 minute')",
                        Uuid7.next(), h.id())),
                guard("submission_abandonment_deadline_invalid", h -> sql("UPDATE execution_observations SET observed_at = "
                        + "now() - interval '25 hours' WHERE uuid = $1", h.intent())),
                guard("submission_abandonment_quiet_grace", h -> sql("INSERT INTO jobs (uuid, kind, payload, status, "
                        + "execution_id, created_at, updated_at) VALUES ($1, 'execute', '{}', 'failed', $2, "
                        + "now() - interval '26 hours', now() - interval '1 hour')", Uuid7.next(), h.id())),
                guard("submission_abandonment_quiet_grace", h -> sql("INSERT INTO jobs (uuid, kind, payload, status, "
                        + "execution_id, created_at, heartbeat_at) VALUES ($1, 'execute', '{}', 'cancelled', $2, "
                        + "now() - interval '30 hours', now() - interval '10 minutes')", Uuid7.next(), h.id())),
                // a session the DIM knew after the intent (here 20 h ago, long before the evidence window)
                guard("submission_abandonment_dim_session_observed", h -> poll(h.id(), "pristine", "PRISTINE", DIM, 72_000)),
                guard("submission_abandonment_dim_session_observed", h -> poll(h.id(), "running", "RUNNING", null, 30)),
                // the newest poll of the same DIM could not reach it
                guard("submission_abandonment_latest_evidence_not_negative",
                        h -> poll(h.id(), "unreachable", "connectivity", DIM, 20)),
                guard("submission_abandonment_negative_evidence_insufficient", h -> sql(
                        "DELETE FROM execution_observations WHERE uuid = $1", h.negatives().get(1))),
                // a not_found from another DIM is no evidence about the intent's DIM
                guard("submission_abandonment_negative_evidence_insufficient", h -> sql("UPDATE execution_observations "
                        + "SET payload = payload || '{\"dim_endpoint\":\"http://other:8001\"}'::jsonb WHERE uuid = $1",
                        h.negatives().get(0))),
                guard("submission_abandonment_evidence_stale", h -> sql("UPDATE execution_observations SET observed_at = "
                        + "observed_at - interval '15 minutes' WHERE execution_id = $1 AND raw_state = 'not_found'", h.id())),
                guard("submission_abandonment_evidence_span_too_short", h -> sql("UPDATE execution_observations SET "
                        + "observed_at = now() - interval '9 minutes' WHERE uuid = $1", h.negatives().get(0))),
                guard("submission_abandonment_distinct_evidence_insufficient", h -> sql("UPDATE execution_observations SET "
                        + "observed_at = (SELECT observed_at FROM execution_observations WHERE uuid = $2) WHERE uuid = $1",
                        h.negatives().get(1), h.negatives().get(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guards")
    void everyGuardRefusesAndChangesNothing(String code, Change change) {
        Held h = held();
        change.apply(h);
        String before = row(h.id());
        long observations = db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", h.id());
        assertThatThrownBy(() -> abandonment.abandon(h.id(), request(h), "user:admin", "req"))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().code()).isEqualTo(code);
                    assertThat(e.failure().status()).isEqualTo(409);
                });
        assertThat(row(h.id())).isEqualTo(before);
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", h.id()))
                .isEqualTo(observations);
        assertThat(events(db, h.id(), "execution.submission_abandoned")).isZero();
    }

    static String row(UUID id) {
        return db.sql().first("SELECT row_to_json(e)::text FROM batch_execution_record e WHERE uuid = $1",
                r -> r.getString(0), id).orElseThrow();
    }

    @Test
    void abandonmentFailsTheExecutionFencesItsExecuteJobAndRecordsTheDimEvidence() {
        Held h = held();
        // an older connectivity error and a session known before the intent are neither evidence nor a block
        poll(h.id(), "unreachable", "timeout", DIM, 480);
        UUID job = new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).withKey("execute:" + h.id())
                .forExecution(h.id())).id();
        sql("UPDATE jobs SET created_at = now() - interval '26 hours', updated_at = NULL WHERE uuid = $1", job);

        abandonment.abandon(h.id(), request(h), "user:admin", "req-rest");

        assertThat(db.sql().first("SELECT status || '/' || terminal_outcome || '/' || failure_class || '/' || submission_state "
                + "|| '/' || control_phase || '/' || (submission_abandoned_at IS NOT NULL) || '/' || (completed_at IS NOT NULL) "
                + "FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), h.id()))
                .contains("failed/inconsistent/inconsistent_state/uncertain/terminal/true/true");
        assertThat(db.sql().first("SELECT last_error FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), h.id()))
                .contains("operator abandoned unresolved DALiuGE REST submission after durable negative evidence: "
                        + "the DIM has not known the session for a day");
        assertThat(activeExecuteJobs(db, h.id())).isZero();
        assertThat(db.sql().first("SELECT status || '/' || failure_class FROM jobs WHERE uuid = $1", r -> r.getString(0), job))
                .contains("cancelled/inconsistent_state");

        JsonObject payload = db.sql().first("SELECT payload FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_abandoned'", r -> (JsonObject) r.getValue(0), h.id()).orElseThrow();
        assertThat(payload.getString("schema")).isEqualTo("beampipe-dim-submission-abandonment/v1");
        assertThat(payload.getString("backend")).isEqualTo("daliuge");
        assertThat(payload.getString("daliuge_manager_url")).isEqualTo(DIM);
        assertThat(payload.getString("target_fingerprint")).isEqualTo(DIM);
        assertThat(payload.getString("intent_observation_id")).isEqualTo(h.intent().toString());
        assertThat(payload.getString("prior_submission_state")).isEqualTo("uncertain");
        assertThat(payload.getString("prior_status")).isEqualTo("awaiting_scheduler");
        assertThat(payload.getString("profile_sha256")).isEqualTo("c".repeat(64));
        assertThat(payload.getJsonArray("evidence_observation_ids")).containsExactly(
                h.negatives().get(0).toString(), h.negatives().get(1).toString(), h.negatives().get(2).toString());
        assertThat(payload.getJsonArray("invalidated_execute_job_ids")).containsExactly(job.toString());
        assertThat(payload.getJsonObject("policy").getInteger("min_negative_lookups")).isEqualTo(3);

        JsonObject observation = db.sql().first("SELECT json_build_object('kind', kind, 'normalized', normalized_state, "
                + "'source', source_version, 'reason', reason) FROM execution_observations WHERE execution_id = $1 "
                + "AND raw_state = 'operator_abandoned'", r -> (JsonObject) r.getValue(0), h.id()).orElseThrow();
        assertThat(observation.getString("kind")).isEqualTo("daliuge_session");
        assertThat(observation.getString("source")).isEqualTo("beampipe-dim-submission-abandonment/v1");
        assertThat(observation.getString("reason")).isEqualTo("the DIM has not known the session for a day");

        assertThatThrownBy(() -> abandonment.abandon(h.id(), request(h), "user:admin", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("submission_already_abandoned"));
        assertThat(events(db, h.id(), "execution.submission_abandoned")).isEqualTo(1);
    }

    @Test
    void aSessionKnownBeforeTheLatestIntentDoesNotBlock() {
        Held h = held();
        UUID old = Uuid7.next();
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'running', 'RUNNING', $3, now() - interval '27 hours')",
                old, h.id(), new JsonObject().put("session_id", SID).put("dim_endpoint", DIM));
        assertThat(abandonment.abandon(h.id(), request(h), "user:admin", null)).isEqualTo(h.id());
    }

    @Test
    void aMatchOlderThanTheNewestFiveHundredPollsStillBlocks() {
        Held h = held();
        poll(h.id(), "running", "RUNNING", DIM, 36_000);
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                        + "observed_at) SELECT gen_random_uuid(), $1, 'daliuge_session', 'not_created', 'not_found', $2, "
                        + "now() - make_interval(secs => 120 + g) FROM generate_series(1, 520) g", h.id(),
                new JsonObject().put("session_id", SID).put("dim_endpoint", DIM));
        assertThatThrownBy(() -> abandonment.abandon(h.id(), request(h), "user:admin", null))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code())
                        .isEqualTo("submission_abandonment_dim_session_observed"));
    }
}
