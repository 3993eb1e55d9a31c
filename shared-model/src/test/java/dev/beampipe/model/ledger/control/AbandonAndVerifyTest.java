package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.beampipe.model.ledger.control.ExecutionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Submission abandonment (10-state §5.6, §7.5 item 49) and output verification (§5.7) against PostgreSQL. */
class AbandonAndVerifyTest {
    static final String SID = "BeampipeExecution-test";
    static final String HEX = "b".repeat(64);
    static TestDatabase testDb;
    static Database db;
    static SubmissionAbandonmentTransition abandonment;
    static OutputVerification verification;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
        abandonment = new SubmissionAbandonmentTransition(db);
        verification = new OutputVerification(db);
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static String module() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An in-flight Slurm submission 26 h old, with three complete negative lookups at -11/-6/-1 minutes. */
    static OffsetDateTime unresolvedSubmission(UUID id) {
        set(db, id, "submission_state = 'in_flight', scheduler_name = 'slurm', daliuge_session_id = $2, "
                + "submission_deadline_at = date_trunc('milliseconds', now()) - interval '25 hours 30 minutes'", SID);
        UUID intent = Uuid7.next();
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, now() - interval '26 hours')",
                intent, id, new JsonObject().put("target_fingerprint", "fp").put("daliuge_session_id", SID));
        for (int minutes : new int[]{11, 6, 1}) {
            String lookup = Uuid7.next().toString();
            db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                            + "source_version, observed_at) VALUES ($1, $2, 'scheduler', 'unknown', 'not_found_by_name', $3, $4, "
                            + "now() - make_interval(mins => $5))", UUID.fromString(lookup), id,
                    new JsonObject().put("lookup_id", lookup).put("result", "not_found").put("query_complete", true)
                            .put("intent_observation_id", intent.toString()).put("target_fingerprint", "fp")
                            .put("daliuge_session_id", SID), SubmissionAbandonment.EVIDENCE_SCHEMA, minutes);
        }
        return db.sql().first("SELECT submission_deadline_at FROM batch_execution_record WHERE uuid = $1",
                r -> r.getOffsetDateTime(0), id).orElseThrow();
    }

    static SubmissionAbandonment.Request request(OffsetDateTime deadline) {
        return new SubmissionAbandonment.Request("no job after a day", "in_flight", SID, deadline, true);
    }

    @Test
    void abandonmentFailsTheExecutionAndFencesItsExecuteJob() {
        UUID id = execution(db, module(), "S1", "running");
        OffsetDateTime deadline = unresolvedSubmission(id);
        new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).withKey("execute:" + id).forExecution(id));
        db.sql().update("UPDATE jobs SET created_at = now() - interval '26 hours', updated_at = NULL WHERE execution_id = $1", id);

        abandonment.abandon(id, request(deadline.withOffsetSameInstant(ZoneOffset.ofHours(8))), "user:admin", "req-a");

        assertThat(db.sql().first("SELECT status || '/' || terminal_outcome || '/' || failure_class || '/' || submission_state "
                + "|| '/' || (submission_abandoned_at IS NOT NULL) || '/' || (execution_phase IS NULL) FROM batch_execution_record "
                + "WHERE uuid = $1", r -> r.getString(0), id)).contains("failed/inconsistent/inconsistent_state/in_flight/true/true");
        assertThat(activeExecuteJobs(db, id)).isZero();
        assertThat(db.sql().first("SELECT jsonb_array_length(payload->'evidence_observation_ids') FROM provenance_events "
                + "WHERE execution_id = $1 AND event_type = 'execution.submission_abandoned'", r -> r.getInteger(0), id)).contains(3);
        assertThatThrownBy(() -> abandonment.abandon(id, request(deadline), "user:admin", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("submission_already_abandoned"));
    }

    @Test
    void aCasMismatchChangesNothing() {
        UUID id = execution(db, module(), "S1", "running");
        OffsetDateTime deadline = unresolvedSubmission(id);
        assertThatThrownBy(() -> abandonment.abandon(id, request(deadline.plusSeconds(1)), "user:admin", null))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().code()).isEqualTo("submission_abandonment_cas_mismatch"));
        assertThat(status(db, id)).isEqualTo("running");
        assertThat(events(db, id, "execution.submission_abandoned")).isZero();
    }

    @RepeatedTest(3)
    void concurrentAbandonmentsApplyOnce() throws Exception {
        UUID id = execution(db, module(), "S1", "running");
        OffsetDateTime deadline = unresolvedSubmission(id);
        List<Object> outcomes = ExecutionControlTest.race(4, () -> abandonment.abandon(id, request(deadline), "user:admin", null));
        assertThat(outcomes.stream().filter(o -> o instanceof UUID).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o instanceof ControlRejected r
                && r.failure().code().equals("submission_already_abandoned")).count()).isEqualTo(3);
        assertThat(events(db, id, "execution.submission_abandoned")).isEqualTo(1);
    }

    static UUID awaitingVerification() {
        UUID id = execution(db, module(), "S1", "running");
        set(db, id, "output_verification_required = true, output_state = 'pending', daliuge_state = 'finished', "
                + "daliuge_session_id = 's', scheduler_name = 'daliuge', submission_state = 'submitted', "
                + "control_phase = 'output_verification', output_verification_policy = "
                + "'{\"required\":true,\"inventory_schema\":\"wallaby-hires-output-inventory/v1\"}'::jsonb");
        return id;
    }

    static OutputInventoryRules.Inventory inventory(String uri) {
        List<OutputInventoryRules.Product> products = List.of(new OutputInventoryRules.Product("cube.fits", 5, HEX));
        return new OutputInventoryRules.Inventory("wallaby-hires-output-inventory/v1", List.of("*.fits"),
                Map.of("*.fits", 1L), products, OutputInventoryRules.inventorySha256(products), uri,
                new OutputInventoryRules.Publication(true, "wallaby", "r-1", OffsetDateTime.parse("2026-11-29T00:00:00Z")));
    }

    static JsonObject body(OutputInventoryRules.Inventory inv) {
        return new JsonObject().put("schema", inv.schema()).put("patterns", new JsonArray(inv.patterns()))
                .put("pattern_counts", new JsonObject().put("*.fits", 1))
                .put("products", new JsonArray().add(new JsonObject().put("path", "cube.fits").put("bytes", 5).put("sha256", HEX)))
                .put("inventory_sha256", inv.inventorySha256()).put("durable_destination_uri", inv.durableDestinationUri())
                .put("publication", new JsonObject().put("acknowledged", true).put("publisher", "wallaby")
                        .put("receipt_id", "r-1").put("published_at", "2026-11-29T00:00:00Z"));
    }

    @Test
    void verificationCompletesOnceAndReplaysIdentically() {
        UUID id = awaitingVerification();
        OutputInventoryRules.Inventory inv = inventory("s3://bucket/run");
        OutputVerification.Verified first = verification.verify(id, inv, body(inv), "trusted-publisher:u", null);
        assertThat(first.replayed()).isFalse();
        assertThat(first.artifact().getString("storage_kind")).isEqualTo("remote");
        assertThat(db.sql().first("SELECT status || '/' || output_state || '/' || terminal_outcome FROM batch_execution_record "
                + "WHERE uuid = $1", r -> r.getString(0), id)).contains("completed/verified/succeeded");

        OutputVerification.Verified again = verification.verify(id, inv, body(inv), "trusted-publisher:u", null);
        assertThat(again.replayed()).isTrue();
        assertThat(again.artifact().getString("uuid")).isEqualTo(first.artifact().getString("uuid"));
        assertThat(events(db, id, "execution.completed")).isEqualTo(1);

        OutputInventoryRules.Inventory other = inventory("s3://bucket/elsewhere");
        assertThatThrownBy(() -> verification.verify(id, other, body(other), "trusted-publisher:u", null))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().message())
                        .isEqualTo("outputs were already verified with a different durable inventory"));
    }

    @Test
    void anExecutionThatOptsOutIsRefused() {
        UUID id = execution(db, module(), "S1", "running");
        OutputInventoryRules.Inventory inv = inventory("s3://bucket/run");
        assertThatThrownBy(() -> verification.verify(id, inv, body(inv), "trusted-publisher:u", null))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().status()).isEqualTo(409));
        assertThat(db.sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1", id)).isZero();
    }

    @RepeatedTest(3)
    void concurrentDifferentInventoriesVerifyOnce() throws Exception {
        UUID id = awaitingVerification();
        AtomicInteger n = new AtomicInteger();
        List<Object> outcomes = ExecutionControlTest.race(4, () -> {
            OutputInventoryRules.Inventory inv = inventory("s3://bucket/run-" + n.getAndIncrement());
            return verification.verify(id, inv, body(inv), "trusted-publisher:u", null);
        });
        assertThat(outcomes.stream().filter(o -> o instanceof OutputVerification.Verified).count()).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1", id)).isEqualTo(1);
        assertThat(events(db, id, "execution.outputs_verified")).isEqualTo(1);
    }
}
