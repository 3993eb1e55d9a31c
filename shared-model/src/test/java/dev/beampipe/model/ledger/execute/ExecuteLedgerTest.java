package dev.beampipe.model.ledger.execute;

import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The execute job's stage writes (10-state §5.3 steps 9–15, 40-backends §6.5). */
class ExecuteLedgerTest {
    static final JsonObject SCHEDULER = new JsonObject().put("policy_decision", "admitted").put("claim_token", "tok");
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
        return new JsonObject().put("datasets", new JsonArray().add(new JsonObject().put("sbid", "1")))
                .put("beampipe_run_record", new JsonObject().put("requested_sources", new JsonObject().put("count", 1)));
    }

    static ExecuteLedger.GraphArtifacts artifacts() {
        return new ExecuteLedger.GraphArtifacts(manifest(), new JsonObject().put("nodeDataArray", new JsonArray()),
                new JsonObject().put("nodeDataArray", new JsonArray().add(new JsonObject().put("key", -1))), "manifest.json");
    }

    static UUID automated(String m) {
        UUID id = execution(db, m, "pending", "A");
        set(db, id, "scheduler_name = 'workflow_auto', workflow_manifest = $2",
                new JsonObject().put("beampipe_run_record", new JsonObject().put("scheduler", SCHEDULER)));
        return id;
    }

    static <T> T tx(java.util.function.Function<dev.beampipe.model.db.Sql, T> work) {
        return db.inTransaction(work);
    }

    @Test
    void theStagesInOrderWriteTheLedgerAndTheirEventsOnce() {
        String m = module();
        UUID id = automated(m);

        assertThat((boolean) tx(sql -> ExecuteLedger.markAdmitted(sql, id, "corr"))).isTrue();
        assertThat(column(db, id, "control_phase")).isEqualTo("admitted");
        assertThat(row(db, id).getJsonObject("phase_timestamps").containsKey("admitted")).isTrue();

        assertThat((boolean) tx(sql -> ExecuteLedger.markStageRunning(sql, id, "corr"))).isTrue();
        assertThat((boolean) tx(sql -> ExecuteLedger.markStageRunning(sql, id, "corr"))).isTrue();
        JsonObject running = row(db, id);
        assertThat(running.getString("status")).isEqualTo("running");
        assertThat(running.getString("execution_phase")).isEqualTo("stage_and_manifest");
        assertThat(running.getValue("started_at")).isNotNull();
        assertThat(events(db, id, "execution.running")).isEqualTo(1);
        assertThat(lastEvent(db, id, "execution.running").getString("correlation_id")).isEqualTo("corr");

        ExecuteLedger.StoredGraphArtifacts stored = tx(sql -> ExecuteLedger.storeGraphArtifacts(sql, id, artifacts(), "corr"));
        tx(sql -> ExecuteLedger.storeGraphArtifacts(sql, id, artifacts(), "corr"));
        assertThat(stored.applied()).isTrue();
        JsonObject patched = row(db, id);
        assertThat(patched.getString("control_phase")).isEqualTo("graph_patched");
        assertThat(patched.getString("manifest_sha256")).isEqualTo(stored.manifest().sha256())
                .isEqualTo(StableJson.sha256(LedgerRecords.tree(manifest())));
        assertThat(patched.getString("source_graph_sha256")).isEqualTo(stored.sourceGraph().sha256());
        assertThat(patched.getString("patched_graph_sha256")).isEqualTo(stored.patchedGraph().sha256());
        List<JsonObject> rows = db.sql().list("SELECT jsonb_build_object('kind', kind, 'phase', producer_phase, "
                + "'storage', storage_kind, 'media', media_type, 'metadata', metadata, 'size', size_bytes) FROM execution_artifacts "
                + "WHERE execution_id = $1 ORDER BY kind", r -> (JsonObject) r.getValue(0), id);
        assertThat(rows).extracting(r -> r.getString("kind")).containsExactly("manifest", "patched_graph", "source_graph");
        assertThat(rows).extracting(r -> r.getString("phase"))
                .containsExactly("manifest_generated", "graph_patched", "graph_loaded");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString("storage")).isEqualTo("database");
            assertThat(r.getString("media")).isEqualTo("application/json");
        });
        assertThat(rows.get(0).getJsonObject("metadata")).isEqualTo(new JsonObject().put("project_module", m));
        assertThat(rows.get(0).getLong("size")).isEqualTo(StableJson.write(LedgerRecords.tree(manifest())).length());
        assertThat(rows.get(1).getJsonObject("metadata")).isEqualTo(new JsonObject().put("manifest_path", "manifest.json")
                .put("manifest_sha256", stored.manifest().sha256()));
        assertThat(rows.get(2).getJsonObject("metadata")).isEqualTo(new JsonObject().put("immutable", true));

        assertThat((boolean) tx(sql -> ExecuteLedger.markSubmitStarted(sql, id, manifest(), "corr"))).isTrue();
        assertThat((boolean) tx(sql -> ExecuteLedger.markSubmitStarted(sql, id, manifest(), "corr"))).isTrue();
        JsonObject submit = row(db, id);
        assertThat(submit.getString("execution_phase")).isEqualTo("submit");
        assertThat(submit.getString("status")).isEqualTo("running");
        assertThat(submit.getJsonObject("workflow_manifest").getJsonArray("datasets")).hasSize(1);
        assertThat(submit.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getJsonObject("scheduler"))
                .isEqualTo(SCHEDULER);
        assertThat(events(db, id, "execution.execute_started")).isEqualTo(1);
        assertThat(lastEvent(db, id, "execution.execute_started").getJsonObject("payload"))
                .isEqualTo(new JsonObject().put("execution_phase", "submit"));
    }

    @Test
    void doSubmitFalseEndsNotSubmittedAndFinalizesTheSources() {
        String m = module();
        UUID id = automated(m);
        tx(sql -> ExecuteLedger.markStageRunning(sql, id, null));
        assertThat((boolean) tx(sql -> ExecuteLedger.markNotSubmitted(sql, id, manifest(), null))).isTrue();
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("not_submitted");
        assertThat(row.getValue("execution_phase")).isNull();
        assertThat(row.getString("control_phase")).isEqualTo("terminal");
        assertThat(row.getValue("completed_at")).isNotNull();
        assertThat(row.getJsonObject("workflow_manifest").getJsonArray("datasets")).hasSize(1);
        assertThat(sourceRow(db, m, "A").getString("last_executed_discovery_signature"))
                .isEqualTo(sourceRow(db, m, "A").getString("discovery_signature"));
        assertThat(lastEvent(db, id, "execution.not_submitted").getJsonObject("payload").getString("status"))
                .isEqualTo("not_submitted");
        assertThat((boolean) tx(sql -> ExecuteLedger.markNotSubmitted(sql, id, manifest(), null))).isFalse();
        assertThat(events(db, id, "execution.not_submitted")).isEqualTo(1);
    }

    @Test
    void aSubmitReplayResumesARetryingExecution() {
        UUID id = execution(db, module(), "retrying", "A");
        set(db, id, "execution_phase = 'submit', last_error = 'earlier', retry_count = 1");
        assertThat((boolean) tx(sql -> ExecuteLedger.resumeSubmitReplay(sql, id, null))).isTrue();
        JsonObject row = row(db, id);
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(row.getValue("last_error")).isNull();
        assertThat(lastEvent(db, id, "execution.running").getJsonObject("payload"))
                .isEqualTo(new JsonObject().put("from_status", "retrying").put("to_status", "running"));
        assertThat(events(db, id, "execution.execute_started")).isZero();
        assertThat((boolean) tx(sql -> ExecuteLedger.resumeSubmitReplay(sql, id, null))).as("no longer retrying").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "failed", "cancelled", "not_submitted"})
    void everyStageWriteIsRefusedOnATerminalRow(String status) {
        UUID id = execution(db, module(), status, "A");
        JsonObject before = row(db, id);
        assertThat((boolean) tx(sql -> ExecuteLedger.resumeSubmitReplay(sql, id, null))).isFalse();
        assertThat((boolean) tx(sql -> ExecuteLedger.markAdmitted(sql, id, null))).isFalse();
        assertThat((boolean) tx(sql -> ExecuteLedger.markStageRunning(sql, id, null))).isFalse();
        assertThat(tx(sql -> ExecuteLedger.storeGraphArtifacts(sql, id, artifacts(), null)).applied()).isFalse();
        assertThat((boolean) tx(sql -> ExecuteLedger.markNotSubmitted(sql, id, manifest(), null))).isFalse();
        assertThat((boolean) tx(sql -> ExecuteLedger.markSubmitStarted(sql, id, manifest(), null))).isFalse();
        assertThat((boolean) tx(sql -> ExecuteLedger.nonTerminal(sql, id))).isFalse();
        assertThat(row(db, id)).isEqualTo(before);
        assertThat(count(db, "execution_artifacts", id)).isZero();
        assertThat(count(db, "provenance_events", id)).isZero();
    }

    @Test
    void aMissingExecutionAppliesNothing() {
        UUID id = UUID.randomUUID();
        assertThat((boolean) tx(sql -> ExecuteLedger.markStageRunning(sql, id, null))).isFalse();
        assertThat(ExecuteLedgerTest.<java.util.Optional<LedgerRecords.StoredArtifact>>tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_deploy", new JsonObject()))).isEmpty();
    }

    @Test
    void theSubmitManifestKeepsTheAdmissionRecord() {
        JsonObject built = manifest();
        JsonObject stored = new JsonObject().put("old", 1)
                .put("beampipe_run_record", new JsonObject().put("scheduler", SCHEDULER).put("dim", new JsonObject()));
        JsonObject merged = ExecuteLedger.submitManifest(stored, built);
        assertThat(merged.containsKey("old")).isFalse();
        assertThat(merged.getJsonObject("beampipe_run_record").fieldNames())
                .containsExactlyInAnyOrder("requested_sources", "scheduler");
        assertThat(ExecuteLedger.submitManifest(null, built)).isEqualTo(built);
        assertThat(ExecuteLedger.submitManifest(new JsonObject().put("x", 1), built)).isEqualTo(built);
        JsonObject own = built.copy();
        own.getJsonObject("beampipe_run_record").put("scheduler", "mine");
        assertThat(ExecuteLedger.submitManifest(stored, own).getJsonObject("beampipe_run_record").getString("scheduler"))
                .isEqualTo("mine");
        assertThat(built.getJsonObject("beampipe_run_record").containsKey("scheduler")).as("input untouched").isFalse();
    }

    @Test
    void aRetriedSubmitKeepsOnlyTheAdmissionKeysOfTheSchedulerRecord() {
        JsonObject admission = new JsonObject().put("policy_decision", "admitted").put("claim_token", "t-1")
                .put("admitted_source_count", 2).put("queue_depth", 0);
        JsonObject previousAttempt = admission.copy().put("slurm_completion", new JsonObject()
                .put("reason", "poll_timeout").put("error", "no answer").put("observed_at", "2026-08-22T10:00:00Z"));
        JsonObject stored = new JsonObject().put("beampipe_run_record", new JsonObject().put("scheduler", previousAttempt));
        JsonObject merged = ExecuteLedger.submitManifest(stored, manifest());
        assertThat(merged.getJsonObject("beampipe_run_record").getJsonObject("scheduler")).isEqualTo(admission);
        JsonObject onlyMarker = new JsonObject().put("beampipe_run_record", new JsonObject().put("scheduler",
                new JsonObject().put("slurm_completion", new JsonObject().put("reason", "poll_timeout"))));
        assertThat(ExecuteLedger.submitManifest(onlyMarker, manifest())).isEqualTo(manifest());
    }

    @Test
    void dryRunRequestsAreStoredOncePerDigest() {
        UUID id = execution(db, module(), "running", "A");
        JsonObject request = new JsonObject().put("method", "POST").put("url", "http://dim:8001/api/sessions")
                .put("body", new JsonObject().put("sessionId", "s"));
        var first = tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_create_session", request)).orElseThrow();
        var again = tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_create_session", request.copy())).orElseThrow();
        tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_deploy", new JsonObject().put("method", "POST")));
        assertThat(again.uuid()).isEqualTo(first.uuid());
        JsonObject hashed = request.copy().put("stage", "dim_create_session");
        assertThat(first.sha256()).isEqualTo(StableJson.sha256(LedgerRecords.tree(hashed)));
        JsonObject stored = db.sql().first("SELECT jsonb_build_object('inline', inline_json, 'phase', producer_phase, "
                + "'metadata', metadata) FROM execution_artifacts WHERE uuid = $1", r -> (JsonObject) r.getValue(0),
                first.uuid()).orElseThrow();
        assertThat(stored.getJsonObject("inline")).isEqualTo(hashed);
        assertThat(stored.getString("phase")).isEqualTo("dim_create_session");
        assertThat(stored.getJsonObject("metadata")).isEqualTo(new JsonObject().put("stage", "dim_create_session")
                .put("dry_run", true));
        assertThat(db.sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1 AND kind = "
                + "'dry_run_request'", id)).isEqualTo(2);
        assertThatThrownBy(() -> tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, " ", request)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "x".repeat(65), request)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_deploy",
                request.copy().put("stage", "dim_create_session")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalRequestsOfDifferentStagesAreTwoArtifacts() {
        UUID id = execution(db, module(), "running", "A");
        JsonObject poll = new JsonObject().put("method", "GET").put("url", "http://dim:8001/api/sessions/s/status");
        var session = tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_session_status", poll)).orElseThrow();
        var graph = tx(sql -> ExecuteLedger.recordDryRunRequest(sql, id, "dim_graph_status", poll.copy())).orElseThrow();
        assertThat(graph.uuid()).isNotEqualTo(session.uuid());
        assertThat(graph.sha256()).isNotEqualTo(session.sha256());
        assertThat(db.sql().list("SELECT producer_phase FROM execution_artifacts WHERE execution_id = $1 AND kind = "
                + "'dry_run_request' ORDER BY 1", r -> r.getString(0), id))
                .containsExactly("dim_graph_status", "dim_session_status");
    }

    @RepeatedTest(5)
    void aStageWriteRacingACancellationNeverRevivesTheExecution() throws Exception {
        UUID id = execution(db, module(), "pending", "A");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Boolean> stage = CompletableFuture.supplyAsync(() -> {
            await(start);
            return tx(sql -> ExecuteLedger.markStageRunning(sql, id, null));
        });
        CompletableFuture<ExecutionCancellation.Attempt> cancel = CompletableFuture.supplyAsync(() -> {
            await(start);
            return new ExecutionCancellation(db).planAndCancel(id, "user:1", null);
        });
        start.countDown();
        boolean applied = stage.get();
        assertThat(cancel.get().result()).isNotNull();
        assertThat(column(db, id, "status")).isEqualTo("cancelled");
        assertThat(events(db, id, "execution.running")).isEqualTo(applied ? 1 : 0);
        assertThat((boolean) tx(sql -> ExecuteLedger.markStageRunning(sql, id, null))).isFalse();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
