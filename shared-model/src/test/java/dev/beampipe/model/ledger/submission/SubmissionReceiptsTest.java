package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ControlRejected;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.outcome.ExecutionFailure;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code record_submission_receipt} (10-state §5.5, §7.5 items 43–45, 48, 49) and its races. */
class SubmissionReceiptsTest {
    static final String SID = "BeampipeExecution-receipt";
    static final String DIR = "/scratch/sessions/" + SID;
    static final JsonObject ADMISSION = new JsonObject().put("policy_decision", "admitted");
    static final Receipt.DimDeploy DEPLOY = new Receipt.DimDeploy(OffsetDateTime.parse("2026-08-22T10:00:00.123456Z"),
            "http://dim:8001/", false);
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static JsonObject manifest() {
        return new JsonObject().put("datasets", new JsonArray().add("d1"))
                .put("beampipe_run_record", new JsonObject().put("requested_sources", new JsonObject().put("count", 1)));
    }

    static JsonArray graph() {
        return new JsonArray().add(new JsonObject().put("oid", "1").put("type", "app").put("node", "n1"))
                .add(new JsonObject().put("oid", "2").put("type", "data"));
    }

    /** An execution running its submit stage with a committed intent for {@code scheduler}. */
    static UUID intent(String scheduler) {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "execution_phase = 'submit', workflow_manifest = $2",
                new JsonObject().put("beampipe_run_record", new JsonObject().put("scheduler", ADMISSION)));
        SubmissionIntent.begin(db, id, scheduler, SID, "daliuge".equals(scheduler) ? "http://dim:8001" : null, 1800,
                "slurm".equals(scheduler) ? "fp" : null);
        return id;
    }

    static Receipt rest(UUID id, Receipt.DimPoll poll) {
        return Receipt.daliuge(id, SID, manifest(), graph(), DEPLOY, poll, "corr-1");
    }

    static Receipt slurm(UUID id, String jobId) {
        return Receipt.slurm(id, jobId, SID, DIR, DIR + "/wallaby-staging", manifest(),
                new JsonArray().add("pg.graph").add(graph()), null);
    }

    /** Rows a receipt may add, to show that a refused or replayed receipt wrote nothing. */
    static List<Long> trail(UUID id) {
        return List.of(count(db, "execution_artifacts", id), count(db, "execution_observations", id),
                count(db, "provenance_events", id), count(db, "jobs", id));
    }

    @Test
    void aRestReceiptRunsTheExecutionMergesTheDeployRecordAndQueuesTheFirstPoll() {
        UUID id = intent("daliuge");
        SubmissionReceipts.Recorded r = SubmissionReceipts.record(db, rest(id, new Receipt.DimPoll("gpu", false)));

        assertThat(r.replayed()).isFalse();
        assertThat(r.status()).isEqualTo("running");
        assertThat(r.receiptSha256()).hasSize(64);
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("control_phase")).isEqualTo("submitted");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(row.getString("scheduler_state")).isEqualTo("not_submitted");
        assertThat(row.getString("daliuge_state")).isEqualTo("running");
        assertThat(row.getString("daliuge_session_id")).isEqualTo(SID);
        assertThat(row.getValue("remote_session_dir")).isNull();
        assertThat(row.getJsonObject("phase_timestamps").containsKey("submitted")).isTrue();
        assertThat(row.getString("physical_graph_sha256")).isEqualTo(StableJson.sha256(LedgerRecords.tree(graph())));

        JsonObject record = row.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record");
        assertThat(record.getJsonObject("scheduler")).as("kept from the stored document").isEqualTo(ADMISSION);
        assertThat(record.getJsonObject("requested_sources").getInteger("count")).isEqualTo(1);
        assertThat(record.getJsonObject("dim")).isEqualTo(new JsonObject().put("session_id", SID).put("deploy", new JsonObject()
                .put("deployed_at", "2026-08-22T10:00:00.123Z").put("dim_rest_base", "http://dim:8001").put("verify_ssl", false)
                .put("operator_urls", new JsonObject()
                        .put("dim_session_status_url", "http://dim:8001/api/sessions/" + SID + "/status")
                        .put("dim_graph_status_url", "http://dim:8001/api/sessions/" + SID + "/graph/status"))));

        JsonObject artifact = db.sql().first("SELECT jsonb_build_object('phase', producer_phase, 'media', media_type, "
                + "'metadata', metadata, 'sha', sha256, 'inline', inline_json) FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = 'physical_graph'", x -> (JsonObject) x.getValue(0), id).orElseThrow();
        assertThat(artifact.getString("phase")).isEqualTo("translated");
        assertThat(artifact.getString("media")).isEqualTo("application/json");
        assertThat(artifact.getJsonArray("inline")).isEqualTo(graph());
        assertThat(artifact.getString("sha")).isEqualTo(row.getString("physical_graph_sha256"));
        JsonObject metadata = artifact.getJsonObject("metadata");
        assertThat(metadata.getString("backend")).isEqualTo("daliuge");
        assertThat(metadata.getString("submission_receipt_sha256")).isEqualTo(r.receiptSha256());
        assertThat(metadata.getString("workflow_manifest_sha256")).isEqualTo(StableJson.sha256(LedgerRecords.tree(manifest())));

        JsonObject observation = db.sql().first("SELECT jsonb_build_object('kind', kind, 'raw', raw_state, 'payload', payload) "
                + "FROM execution_observations WHERE execution_id = $1 AND raw_state = 'deployed'", x -> (JsonObject) x.getValue(0), id)
                .orElseThrow();
        assertThat(observation.getString("kind")).isEqualTo("daliuge_session");
        JsonObject document = observation.getJsonObject("payload");
        assertThat(document.getString("schema")).isEqualTo("beampipe-submission-receipt/v1");
        assertThat(document.getString("next_status")).isEqualTo("running");
        assertThat(StableJson.sha256(LedgerRecords.tree(document))).isEqualTo(r.receiptSha256());

        JsonObject event = lastEvent(db, id, "execution.submission_recorded");
        assertThat(event.getString("correlation_id")).isEqualTo("corr-1");
        assertThat(event.getJsonObject("payload").getString("submission_receipt_sha256")).isEqualTo(r.receiptSha256());
        assertThat(event.getJsonObject("payload").getBoolean("operator_abandonment_preserved")).isFalse();
        assertThat(events(db, id, "execution.awaiting_scheduler")).isZero();

        JsonObject job = db.sql().first("SELECT jsonb_build_object('key', idempotency_key, 'kind', kind, 'status', status, "
                + "'pool', pool, 'capability', required_capability, 'payload', payload) FROM jobs WHERE execution_id = $1",
                x -> (JsonObject) x.getValue(0), id).orElseThrow();
        assertThat(job.getString("key")).isEqualTo("dim_poll:" + id + ":0");
        assertThat(job.getString("kind")).isEqualTo("dim_poll");
        assertThat(job.getString("status")).isEqualTo("queued");
        assertThat(job.getString("pool")).isEqualTo("gpu");
        assertThat(job.getString("capability")).isEqualTo("daliuge-deployment");
        assertThat(job.getJsonObject("payload").getString("execution_id")).isEqualTo(id.toString());
        assertThat(job.getJsonObject("payload").getInteger("poll_round")).isZero();
        assertThat(job.getJsonObject("payload").getBoolean("use_real_backends")).isFalse();
        assertThat(r.dimPollJobId()).isNotNull();
    }

    @Test
    void aRealModeRestReceiptQueuesNoPollJob() {
        UUID id = intent("daliuge");
        assertThat(SubmissionReceipts.record(db, rest(id, null)).dimPollJobId()).isNull();
        assertThat(count(db, "jobs", id)).isZero();
    }

    @Test
    void aSlurmReceiptAwaitsTheSchedulerAndReplaysExactlyEvenAfterTheManifestChanged() {
        UUID id = intent("slurm");
        SubmissionReceipts.Recorded r = SubmissionReceipts.record(db, slurm(id, "4242"));
        assertThat(r.status()).isEqualTo("awaiting_scheduler");
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("control_phase")).isEqualTo("submitted");
        assertThat(row.getString("scheduler_state")).isEqualTo("pending");
        assertThat(row.getString("daliuge_state")).isEqualTo("not_created");
        assertThat(row.getString("scheduler_job_id")).isEqualTo("4242");
        assertThat(row.getString("remote_session_dir")).isEqualTo(DIR);
        JsonObject metadata = db.sql().first("SELECT metadata FROM execution_artifacts WHERE execution_id = $1 AND kind = "
                + "'physical_graph'", x -> (JsonObject) x.getValue(0), id).orElseThrow();
        assertThat(metadata.getString("staging_root")).isEqualTo(DIR + "/wallaby-staging");
        assertThat(metadata.getString("submission_receipt_sha256")).hasSize(64);
        assertThat(events(db, id, "execution.submission_recorded")).isEqualTo(1);
        assertThat(lastEvent(db, id, "execution.awaiting_scheduler").getJsonObject("payload")).isEqualTo(new JsonObject()
                .put("from_status", "running").put("to_status", "awaiting_scheduler")
                .put("submission_receipt_sha256", r.receiptSha256()));
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 AND kind = 'scheduler' "
                + "AND raw_state = 'SUBMITTED'", id)).isEqualTo(1);

        set(db, id, "workflow_manifest = '{\"changed\":true}'");
        List<Long> before = trail(id);
        JsonObject rowBefore = row(db, id);
        SubmissionReceipts.Recorded replay = SubmissionReceipts.record(db, slurm(id, "4242"));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.receiptSha256()).isEqualTo(r.receiptSha256());
        assertThat(replay.physicalGraphArtifactId()).isEqualTo(r.physicalGraphArtifactId());
        assertThat(trail(id)).isEqualTo(before);
        assertThat(row(db, id)).isEqualTo(rowBefore);
    }

    @Test
    void aReplayComparesParsedJsonNotText() {
        UUID id = intent("daliuge");
        SubmissionReceipts.record(db, rest(id, null));
        JsonArray reordered = new JsonArray().add(new JsonObject().put("node", "n1").put("type", "app").put("oid", "1"))
                .add(new JsonObject().put("type", "data").put("oid", "2"));
        JsonObject manifest = new JsonObject().put("beampipe_run_record", manifest().getJsonObject("beampipe_run_record"))
                .put("datasets", new JsonArray().add("d1"));
        assertThat(SubmissionReceipts.record(db, Receipt.daliuge(id, SID, manifest, reordered, DEPLOY, null, null)).replayed())
                .isTrue();
    }

    @Test
    void aChangedJobIdGraphManifestOrPathConflictsAndChangesNothing() {
        UUID id = intent("slurm");
        SubmissionReceipts.record(db, slurm(id, "4242"));
        JsonObject before = row(db, id);
        List<Long> trail = trail(id);
        String intentConflict = "submission_receipt_intent_conflict";
        String receiptConflict = "submission_receipt_conflict";
        Map<String, Supplier<Receipt>> changed = new LinkedHashMap<>();
        changed.put("job id", () -> slurm(id, "4243"));
        changed.put("graph", () -> Receipt.slurm(id, "4242", SID, DIR, DIR + "/wallaby-staging", manifest(),
                new JsonArray().add("other"), null));
        changed.put("manifest", () -> Receipt.slurm(id, "4242", SID, DIR, DIR + "/wallaby-staging", manifest().put("x", 1),
                new JsonArray().add("pg.graph").add(graph()), null));
        changed.put("session dir", () -> Receipt.slurm(id, "4242", SID, DIR + "2", DIR + "2/wallaby-staging", manifest(),
                new JsonArray().add("pg.graph").add(graph()), null));
        Map<String, String> expected = Map.of("job id", intentConflict, "graph", receiptConflict,
                "manifest", receiptConflict, "session dir", intentConflict);
        changed.forEach((what, receipt) -> assertThatThrownBy(() -> SubmissionReceipts.record(db, receipt.get())).as(what)
                .isInstanceOf(SubmissionRejected.class)
                .extracting(e -> ((SubmissionRejected) e).code()).isEqualTo(expected.get(what)));
        assertThat(row(db, id)).isEqualTo(before);
        assertThat(trail(id)).isEqualTo(trail);
    }

    @Test
    void aGraphWhoseNumbersJsonbNormalisesStillReplaysExactly() {
        UUID id = intent("daliuge");
        JsonArray numbers = graph().add(new JsonObject().put("oid", "3").put("type", "data").put("size", 1.0E7)
                .put("ratio", 0.50).put("count", 12));
        SubmissionReceipts.Recorded first = SubmissionReceipts.record(db, Receipt.daliuge(id, SID, manifest(), numbers,
                DEPLOY, null, null));
        assertThat(db.sql().first("SELECT inline_json::text FROM execution_artifacts WHERE uuid = $1", r -> r.getString(0),
                first.physicalGraphArtifactId()).orElseThrow()).as("JSONB stored the number as an integer")
                .contains("10000000").doesNotContain("1.0E7");
        List<Long> trail = trail(id);

        SubmissionReceipts.Recorded replay = SubmissionReceipts.record(db, Receipt.daliuge(id, SID, manifest(),
                numbers.copy(), DEPLOY, null, null));

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.physicalGraphArtifactId()).isEqualTo(first.physicalGraphArtifactId());
        assertThat(trail(id)).isEqualTo(trail);
    }

    @Test
    void aReceiptForAnotherSessionConflictsWithTheIntent() {
        UUID id = intent("daliuge");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.daliuge(id, SID + "-other", manifest(), graph(),
                null, null, null))).hasMessage("submission receipt conflicts with the persisted submission intent");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, slurm(id, "1")))
                .hasMessage("submission receipt conflicts with the persisted submission intent");
    }

    @Test
    void aRecoveredUncertainSlurmJobMovesToItsObservedState() {
        UUID id = intent("slurm");
        set(db, id, "submission_state = 'uncertain', scheduler_job_id = '4242', scheduler_state = 'running', "
                + "status = 'awaiting_scheduler', failure_class = 'inconsistent_state', last_error = 'lost'");
        SubmissionReceipts.Recorded r = SubmissionReceipts.record(db, slurm(id, "4242"));
        assertThat(r.status()).isEqualTo("running");
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("scheduler_state")).isEqualTo("running");
        assertThat(row.getValue("failure_class")).isNull();
        assertThat(row.getValue("last_error")).isNull();
    }

    @Test
    void aLateReceiptOnACancelledExecutionIsEvidenceOnly() {
        UUID id = intent("slurm");
        set(db, id, "submission_state = 'uncertain', scheduler_job_id = '4242', status = 'cancelled', "
                + "scheduler_state = 'cancelled', terminal_outcome = 'cancelled', control_phase = 'terminal', execution_phase = NULL");
        SubmissionReceipts.Recorded r = SubmissionReceipts.record(db, slurm(id, "4242"));
        assertThat(r.status()).isEqualTo("cancelled");
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("cancelled");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("scheduler_state")).isEqualTo("cancelled");
        assertThat(row.getString("terminal_outcome")).isEqualTo("cancelled");
        assertThat(row.getString("control_phase")).isEqualTo("terminal");
        assertThat(row.getValue("execution_phase")).isNull();
    }

    @Test
    void aReceiptAfterOperatorAbandonmentIsRecordedWithoutReopening() {
        UUID id = intent("slurm");
        set(db, id, "status = 'failed', terminal_outcome = 'inconsistent', failure_class = 'inconsistent_state', "
                + "control_phase = 'terminal', execution_phase = NULL, submission_abandoned_at = now()");
        SubmissionReceipts.Recorded r = SubmissionReceipts.record(db, slurm(id, "5252"));
        assertThat(r.afterAbandonment()).isTrue();
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("terminal_outcome")).isEqualTo("inconsistent");
        assertThat(row.getString("submission_state")).isEqualTo("in_flight");
        assertThat(row.getString("scheduler_job_id")).isEqualTo("5252");
        assertThat(row.getString("physical_graph_sha256")).isNotNull();
        assertThat(row.getJsonObject("phase_timestamps").containsKey("submitted")).isFalse();
        assertThat(events(db, id, "execution.submission_detected_after_abandonment")).isEqualTo(1);
        assertThat(events(db, id, "execution.submission_recorded")).isZero();
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 AND "
                + "reason = 'late_after_abandonment'", id)).isEqualTo(1);

        List<Long> trail = trail(id);
        assertThat(SubmissionReceipts.record(db, slurm(id, "5252")).replayed()).isTrue();
        assertThat(trail(id)).isEqualTo(trail);
    }

    @Test
    void aReceiptIsOnlyTakenWhileTheSubmissionAwaitsIt() {
        UUID fresh = execution(db, module(), "running", "A");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.daliuge(fresh, SID, manifest(), graph(), null, null, null)))
                .hasMessage("execution is not awaiting a submission receipt (submission_state=not_started)");
        UUID failed = intent("daliuge");
        SubmissionFailure.definite(db, failed, "TM map failed");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, rest(failed, null)))
                .hasMessage("execution is not awaiting a submission receipt (submission_state=failed)");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, rest(UUID.randomUUID(), null))).hasMessage("execution not found");
    }

    @Test
    void earlierPhysicalGraphEvidenceRefusesTheReceipt() {
        UUID id = intent("daliuge");
        db.sql().update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, "
                + "sha256, producer_phase) VALUES (gen_random_uuid(), $1, 'physical_graph', 'database', '[]', "
                + "'application/json', $2, 'translated')", id, "a".repeat(64));
        assertThatThrownBy(() -> SubmissionReceipts.record(db, rest(id, null)))
                .hasMessage("execution already has physical graph evidence without a completed submission receipt");
        assertThat(column(db, id, "submission_state")).isEqualTo("in_flight");
    }

    @Test
    void anIllegalTransitionIsRefused() {
        UUID id = intent("slurm");
        set(db, id, "status = 'pending'");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, slurm(id, "1")))
                .hasMessage("invalid status transition from pending to awaiting_scheduler")
                .extracting(e -> ((SubmissionRejected) e).code()).isEqualTo("invalid_status_transition");
        assertThat(column(db, id, "submission_state")).isEqualTo("in_flight");
        assertThat(count(db, "execution_artifacts", id)).isZero();
    }

    @Test
    void invalidReceiptsAreRejectedBeforeTheTransaction() {
        UUID id = intent("slurm");
        JsonObject before = row(db, id);
        JsonArray g = graph();
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "1", SID, DIR, DIR + "/wallaby-staging", null, g, null)))
                .hasMessage("submission receipt workflow manifest must be a JSON object");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "1", SID, DIR, DIR + "/wallaby-staging", manifest(), null, null)))
                .hasMessage("submission receipt physical graph must be a non-null JSON value");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "1", "", DIR, DIR + "/wallaby-staging", manifest(), g, null)))
                .hasMessage("submission receipt daliuge_session_id must not be empty");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "1", "s".repeat(513), DIR, DIR + "/wallaby-staging", manifest(), g, null)))
                .hasMessage("submission receipt daliuge_session_id must be at most 512 characters");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, null, SID, DIR, DIR + "/wallaby-staging", manifest(), g, null)))
                .hasMessage("Slurm submission receipt requires scheduler_job_id, remote_session_dir and staging_root");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "12;setonix", SID, DIR, DIR + "/wallaby-staging", manifest(), g, null)))
                .hasMessage("Slurm submission receipt scheduler_job_id must be ASCII digits");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, Receipt.slurm(id, "1", SID, DIR, DIR + "/staging", manifest(), g, null)))
                .hasMessage("Slurm submission receipt staging_root must be " + DIR + "/wallaby-staging");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, new Receipt(id, "daliuge", "1", SID, null, null, manifest(), g, null, null, null)))
                .hasMessage("DALiuGE submission receipt must not carry scheduler_job_id, remote_session_dir or staging_root");
        assertThatThrownBy(() -> SubmissionReceipts.record(db, new Receipt(id, "pbs", null, SID, null, null, manifest(), g, null, null, null)))
                .hasMessage("unsupported submission receipt backend 'pbs'");
        assertThat(row(db, id)).isEqualTo(before);
        // a trailing slash on the session directory is trimmed before appending the staging directory
        UUID other = intent("slurm");
        assertThat(SubmissionReceipts.record(db, Receipt.slurm(other, "7", SID, DIR + "/", DIR + "/wallaby-staging",
                manifest(), g, null)).replayed()).isFalse();
    }

    @RepeatedTest(5)
    void twoIdenticalReceiptsRacingWriteOnceAndReplayOnce() throws Exception {
        UUID id = intent("daliuge");
        List<SubmissionReceipts.Recorded> results = race(() -> SubmissionReceipts.record(db, rest(id, new Receipt.DimPoll("default", false))),
                () -> SubmissionReceipts.record(db, rest(id, new Receipt.DimPoll("default", false))));
        assertThat(results).extracting(SubmissionReceipts.Recorded::replayed).containsExactlyInAnyOrder(true, false);
        assertThat(count(db, "execution_artifacts", id)).isEqualTo(1);
        assertThat(events(db, id, "execution.submission_recorded")).isEqualTo(1);
        assertThat(count(db, "jobs", id)).isEqualTo(1);
    }

    @RepeatedTest(5)
    void aReceiptRacingAnApiCancellationIsNeverLost() throws Exception {
        UUID id = intent("daliuge");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<SubmissionReceipts.Recorded> receipt = CompletableFuture.supplyAsync(() -> {
            SubmissionIntentTest.await(start);
            return SubmissionReceipts.record(db, rest(id, null));
        });
        CompletableFuture<ExecutionCancellation.Attempt> cancel = CompletableFuture.supplyAsync(() -> {
            SubmissionIntentTest.await(start);
            return new ExecutionCancellation(db).planAndCancel(id, "user:1", null);
        });
        start.countDown();
        assertThat(receipt.get().replayed()).isFalse();
        try {
            ExecutionCancellation.Attempt attempt = cancel.get();
            assertThat(attempt.result()).as("after the receipt the DIM session must be cancelled first").isNull();
            assertThat(attempt.plan().external()).isTrue();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ControlRejected.class).hasMessageContaining("submission outcome");
        }
        assertThat(column(db, id, "status")).isEqualTo("running");
        assertThat(column(db, id, "submission_state")).isEqualTo("submitted");
        assertThat(events(db, id, "execution.cancelled")).isZero();
    }

    @RepeatedTest(5)
    void aDefiniteFailureRacingALateReceiptLeavesOneConsistentOutcome() throws Exception {
        UUID id = intent("daliuge");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Object> receipt = CompletableFuture.supplyAsync(() -> {
            SubmissionIntentTest.await(start);
            try {
                return SubmissionReceipts.record(db, rest(id, null));
            } catch (SubmissionRejected e) {
                return e;
            }
        });
        CompletableFuture<ExecutionFailure.Result> failure = CompletableFuture.supplyAsync(() -> {
            SubmissionIntentTest.await(start);
            return SubmissionFailure.definite(db, id, "DIM returned 400");
        });
        start.countDown();
        Object recorded = receipt.get();
        ExecutionFailure.Result failed = failure.get();
        if (failed.kind() == ExecutionFailure.Kind.FAILED) {
            assertThat(recorded).isInstanceOf(SubmissionRejected.class);
            assertThat(((SubmissionRejected) recorded).getMessage())
                    .isEqualTo("execution is not awaiting a submission receipt (submission_state=failed)");
            assertThat(column(db, id, "status")).isEqualTo("failed");
            assertThat(count(db, "execution_artifacts", id)).isZero();
            assertThat(events(db, id, "execution.failed")).isEqualTo(1);
        } else {
            assertThat(failed.kind()).isEqualTo(ExecutionFailure.Kind.SUBMISSION_HELD);
            assertThat(recorded).isInstanceOf(SubmissionReceipts.Recorded.class);
            assertThat(column(db, id, "status")).isEqualTo("running");
            assertThat(column(db, id, "submission_state")).isEqualTo("submitted");
            assertThat(events(db, id, "execution.failed")).isZero();
        }
    }

    @RepeatedTest(5)
    void aWorkerTerminalFailureRacingTheIntentEitherFailsUnbegunOrIsHeld() throws Exception {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        set(db, id, "execution_phase = 'submit'");
        List<Object> results = race(() -> SubmissionIntent.begin(db, id, "daliuge", SID, "http://dim:8001", 1800, null),
                () -> ExecutionFailure.failTerminal(db, id, "worker crashed", null, null));
        SubmissionIntent.Outcome begin = (SubmissionIntent.Outcome) results.get(0);
        ExecutionFailure.Result failure = (ExecutionFailure.Result) results.get(1);
        if (failure.kind() == ExecutionFailure.Kind.FAILED) {
            assertThat(begin).as("failed first: the intent is refused").isInstanceOf(SubmissionIntent.AlreadyBegun.class);
            assertThat(column(db, id, "status")).isEqualTo("failed");
            assertThat(column(db, id, "submission_state")).isEqualTo("not_started");
            assertThat(count(db, "execution_observations", id)).isZero();
            assertThat(events(db, id, "execution.failed")).isEqualTo(1);
        } else {
            assertThat(failure.kind()).as("begun first: the failure is refused").isEqualTo(ExecutionFailure.Kind.SUBMISSION_HELD);
            assertThat(begin).isInstanceOf(SubmissionIntent.Begun.class);
            assertThat(column(db, id, "status")).isEqualTo("running");
            assertThat(column(db, id, "submission_state")).isEqualTo("in_flight");
            assertThat(events(db, id, "execution.failed")).isZero();
        }
    }

    @SafeVarargs
    static <T> List<T> race(Supplier<? extends T>... work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> runs = new ArrayList<>();
        for (Supplier<? extends T> w : work) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                SubmissionIntentTest.await(start);
                return w.get();
            }));
        }
        start.countDown();
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> r : runs) {
            out.add(r.get());
        }
        return out;
    }
}
