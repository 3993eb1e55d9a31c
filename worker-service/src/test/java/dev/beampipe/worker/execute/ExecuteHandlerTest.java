package dev.beampipe.worker.execute;

import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ExecutionRetry;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.worker.runtime.JobContexts;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.staging.CasdaStagingSettings;
import dev.beampipe.model.ledger.submission.SubmissionIntent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The execute handler on PostgreSQL with the DALiuGE simulators over HTTP; the handler is called with real job rows. */
class ExecuteHandlerTest {
    static TestDatabase testDb;
    static Database db;
    static DaliugeSimulator sim;
    static TapSimulator casda;
    static final Map<String, String> REAL = Map.of(ExecuteOptions.USE_REAL_BACKENDS, "true");
    static final Map<String, String> DRY = Map.of();
    ExecuteFixture f;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        db = testDb.db();
        sim = DaliugeSimulator.start(0);
        casda = TapSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
        casda.close();
        testDb.close();
    }

    @BeforeEach
    void fixture() throws Exception {
        sim.reset();
        casda.reset();
        f = new ExecuteFixture(db, sim);
    }

    double terminalCount(String status) {
        return f.meters.get("beampipe_execute_terminal").tag("project_module", f.module).tag("status", status).counter().count();
    }

    void assertNothingSentToDaliuge() {
        assertThat(sim.tm().journal().all()).isEmpty();
        assertThat(sim.dim().journal().all()).isEmpty();
    }

    @Test
    void doSubmitFalseStoresTheThreeArtifactsAndEndsNotSubmitted() throws Exception {
        f.source("HIPASSJ1318-21", 2, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject().put("do_submit", false), "HIPASSJ1318-21");

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("not_submitted");
        assertThat(row.getString("execution_phase")).isNull();
        assertThat(row.getString("control_phase")).isEqualTo("terminal");
        assertThat(row.getString("manifest_sha256")).isEqualTo(f.artifactSha(a.id(), "manifest"));
        assertThat(row.getString("source_graph_sha256")).isEqualTo(f.artifactSha(a.id(), "source_graph"));
        assertThat(row.getString("patched_graph_sha256")).isEqualTo(f.artifactSha(a.id(), "patched_graph"));
        assertThat(f.artifactKinds(a.id())).containsExactly("manifest", "patched_graph", "source_graph");
        JsonObject manifest = row.getJsonObject("workflow_manifest");
        assertThat(manifest.getJsonArray("sources")).hasSize(1);
        assertThat(manifest.getJsonObject("graph_overrides").encode()).contains("\"num_of_copies\",\"value\":2");
        assertThat(manifest.getJsonObject("beampipe_run_record").getJsonObject("scheduler").getString("policy_decision"))
                .isEqualTo("admitted");
        assertThat(f.events(a.id(), "execution.running")).isEqualTo(1);
        assertThat(f.source("HIPASSJ1318-21").getBoolean("workflow_run_pending")).isFalse();
        assertThat(terminalCount("not_submitted")).isEqualTo(1.0);
        assertNothingSentToDaliuge();
    }

    @Test
    void reRunningTheSameJobStoresTheSameDigests() throws Exception {
        f.source("HIPASSJ1318-22", 1, "1001", "1002");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject().put("do_submit", false), "HIPASSJ1318-22");
        f.handler(DRY).handle(a.context());
        String patched = f.row(a.id()).getString("patched_graph_sha256");
        f.db.sql().update("UPDATE batch_execution_record SET status = 'pending' WHERE uuid = $1", a.id());
        f.handler(DRY).handle(a.context());
        assertThat(f.row(a.id()).getString("patched_graph_sha256")).isEqualTo(patched);
        assertThat(f.artifactKinds(a.id())).containsExactly("manifest", "patched_graph", "source_graph");
        assertThat(f.row(a.id()).getJsonObject("workflow_manifest").getJsonArray("sources")).hasSize(2);
    }

    /** A dataset record whose CASDA URLs point at the CASDA simulator, so anything sent would be counted there. */
    static com.fasterxml.jackson.databind.node.ObjectNode casdaRecord(String sid, String sbid, int beam) {
        com.fasterxml.jackson.databind.node.ObjectNode r = ExecuteFixture.record(sid, sbid, beam);
        r.put("access_url", casda.casdaDataLink() + "?ID=scan-" + sbid + "-" + beam);
        r.put("evaluation_file_access_url", casda.casdaDataLink() + "?ID=eval-" + sbid);
        return r;
    }

    @Test
    void dryRunStagingOfACasdaArchiveIsRecordedNotSent() throws Exception {
        String sid = "HIPASSJ1318-23";
        f.source(sid, Map.of("1001", List.of(casdaRecord(sid, "1001", 0), casdaRecord(sid, "1001", 1)),
                "1002", List.of(casdaRecord(sid, "1002", 0), casdaRecord(sid, "1002", 1))));
        ExecuteFixture.Admitted a = f.admit("casda", new JsonObject(), sid);
        casda.casdaAuth().require("opal-user", "pw-Xk93-secret");

        // credentials and a reachable CASDA are configured, and do_submit=true: still nothing may be sent anywhere
        f.handler(DRY, java.util.Optional.of(new CasdaCredentials("opal-user", "pw-Xk93-secret")),
                CasdaStagingSettings.defaults().withLoginUrl(casda.casdaLogin())).handle(a.context());

        assertThat(f.row(a.id()).getString("status")).isEqualTo("running");
        assertThat(f.row(a.id()).getString("submission_state")).isEqualTo("submitted");
        assertThat(casda.casdaAuth().logins()).isZero();
        assertThat(casda.casda().counts()).isEmpty();
        assertThat(casda.staging().counts()).isEmpty();
        assertNothingSentToDaliuge();
        assertThat(f.dryRunRequests(a.id()).stream().filter(r -> r.containsKey("batch")).toList()).hasSize(3);
        List<JsonObject> staging = f.dryRunRequests(a.id()).stream().filter(r -> r.containsKey("batch")).toList();
        assertThat(staging).extracting(r -> r.getString("batch")).containsExactly("1001", "1002", "evaluation");
        JsonObject first = staging.get(0);
        assertThat(first.getJsonArray("calls").stream().map(c -> ((JsonObject) c).getString("purpose")).toList())
                .containsExactly("login", "datalink", "datalink", "soda_create", "soda_run");
        assertThat(first.encode()).doesNotContain("Authorization").doesNotContain("pw-Xk93-secret");
    }

    @Test
    void aSourceThatIsNoLongerReadyFailsTheExecutionAndIsRepended() throws Exception {
        f.source("HIPASSJ1318-24", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-24");
        f.db.sql().update("UPDATE source_registry SET enabled = false WHERE project_module = $1", f.module);

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("last_error")).isEqualTo("Source HIPASSJ1318-24 is disabled");
        assertThat(row.getString("failure_class")).isEqualTo("validation");
        assertThat(f.events(a.id(), "execution.failed")).isEqualTo(1);
        assertThat(f.source("HIPASSJ1318-24").getBoolean("workflow_run_pending")).isTrue();
        assertNothingSentToDaliuge();
    }

    @Test
    void noDatasetsMarkerRowFailsScopeSelection() throws Exception {
        f.source("HIPASSJ1318-25", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject().put("do_submit", false), "HIPASSJ1318-25");
        f.db.sql().update("UPDATE archive_metadata SET metadata_json = '{\"datasets\":[]}'::jsonb WHERE project_module = $1", f.module);
        f.handler(DRY).handle(a.context());
        assertThat(f.row(a.id()).getString("last_error"))
                .isEqualTo("archive metadata of source 'HIPASSJ1318-25' SBID 1001 contains no datasets");
    }

    @Test
    void changedDiscoverySignatureFails() throws Exception {
        f.source("HIPASSJ1318-26", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-26");
        f.db.sql().update("UPDATE source_registry SET discovery_signature = $2 WHERE project_module = $1", f.module, "c".repeat(64));
        f.handler(DRY).handle(a.context());
        assertThat(f.row(a.id()).getString("last_error")).isEqualTo(PinnedInputs.SIGNATURE_CHANGED);
    }

    @Test
    void terminalAndHeldExecutionsAreLeftAlone() throws Exception {
        f.source("HIPASSJ1318-27", 1, "1001");
        ExecuteFixture.Admitted cancelled = f.admit("other", new JsonObject(), "HIPASSJ1318-27");
        f.db.sql().update("UPDATE batch_execution_record SET status = 'cancelled' WHERE uuid = $1", cancelled.id());
        f.handler(REAL).handle(cancelled.context());
        assertThat(f.row(cancelled.id()).getString("control_phase")).isEqualTo("discovered");

        f.source("HIPASSJ1318-28", 1, "1001");
        ExecuteFixture.Admitted held = f.admit("other", new JsonObject(), "HIPASSJ1318-28");
        f.db.sql().update("UPDATE batch_execution_record SET submission_state = 'uncertain' WHERE uuid = $1", held.id());
        f.handler(REAL).handle(held.context());
        assertThat(f.row(held.id()).getString("status")).isEqualTo("pending");
        assertThat(f.artifactKinds(held.id())).isEmpty();
        assertNothingSentToDaliuge();
    }

    @Test
    void malformedPayloadFailsTheJobNotTheExecution() {
        f.source("HIPASSJ1318-29", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject().put("do_stage", "yes"), "HIPASSJ1318-29");
        assertThatThrownBy(() -> f.handler(DRY).handle(a.context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("execute payload do_stage must be a boolean");
        assertThat(f.row(a.id()).getString("status")).isEqualTo("pending");
    }

    @Test
    void translatorErrorIsADefiniteFailureWithSourcesRepended() throws Exception {
        f.source("HIPASSJ1318-30", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-30");
        sim.tm().faults().add("unroll_and_partition", Fault.status(500, null, 1));

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("submission_state")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("dependency_unavailable");
        assertThat(row.getString("last_error")).contains("unroll_and_partition");
        assertThat(row.getString("daliuge_session_id")).startsWith("BeampipeExecution-" + a.id() + "-");
        assertThat(f.events(a.id(), "execution.failed")).isEqualTo(1);
        assertThat(f.source("HIPASSJ1318-30").getBoolean("workflow_run_pending")).isTrue();
        assertThat(f.source("HIPASSJ1318-30").getInteger("consecutive_failures")).isEqualTo(1);
        assertThat(terminalCount("failed")).isEqualTo(1.0);
        assertThat(sim.dim().count("create_session")).isZero();
    }

    @Test
    void dim400OnDeployIsADefiniteFailure() throws Exception {
        f.source("HIPASSJ1318-31", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-31");
        sim.dim().faults().add("deploy_session", Fault.status(400, "InvalidGraphException", 1));

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("submission_state")).isEqualTo("failed");
        assertThat(row.getString("last_error")).contains("HTTP 400");
        assertThat(f.events(a.id(), "execution.failed")).isEqualTo(1);
    }

    @Test
    void connectionDroppedAfterDeployIsHeldAndNeverResent() throws Exception {
        f.source("HIPASSJ1318-32", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-32");
        sim.dim().faults().add("deploy_session", Fault.of(Fault.Kind.DROP_CONNECTION, 1));

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        String sid = row.getString("daliuge_session_id");
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("failure_class")).isEqualTo("inconsistent_state");
        assertThat(f.events(a.id(), "execution.submission_uncertain")).isEqualTo(1);
        assertThat(f.events(a.id(), "execution.failed")).isZero();
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);
        // the held submission carries its mode: the tick of any worker reconciles it against the real DIM
        assertThat(row.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getString("backend_mode"))
                .isEqualTo("real");

        f.handler(REAL).handle(a.context());
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
        assertThat(f.row(a.id()).getString("submission_state")).isEqualTo("uncertain");
    }

    long observations(java.util.UUID id, String raw) {
        return db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 AND raw_state = $2", id, raw);
    }

    @Test
    void realSubmissionCreatesOneSessionAndRecordsTheReceipt() throws Exception {
        f.source("HIPASSJ1318-40", 2, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-40");

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        String sid = SessionIds.forExecution(a.id(), ExecutionFacts.read(db.sql(), a.id()).orElseThrow().createdAt());
        assertThat(row.getString("daliuge_session_id")).isEqualTo(sid);
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("control_phase")).isEqualTo("submitted");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(row.getString("daliuge_state")).isEqualTo("running");
        assertThat(row.getString("scheduler_name")).isEqualTo("daliuge");
        assertThat(row.getString("daliuge_manager_url")).isEqualTo(ExampleProject.deployment(sim).dimRestBase());
        assertThat(row.getString("submission_deadline_at")).isNotNull();
        assertThat(row.getString("physical_graph_sha256")).isEqualTo(f.artifactSha(a.id(), "physical_graph"));
        assertThat(f.artifactKinds(a.id())).containsExactly("manifest", "patched_graph", "physical_graph", "source_graph");
        JsonObject record = row.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record");
        assertThat(record.getJsonObject("dim").getString("session_id")).isEqualTo(sid);
        assertThat(record.getJsonObject("dim").getJsonObject("deploy").getString("dim_rest_base"))
                .isEqualTo(ExampleProject.deployment(sim).dimRestBase());
        assertThat(record.getJsonObject("scheduler").getString("policy_decision")).isEqualTo("admitted");
        assertThat(record.getString("backend_mode")).isEqualTo("real");
        assertThat(observations(a.id(), "intent_persisted")).isEqualTo(1);
        assertThat(observations(a.id(), "deployed")).isEqualTo(1);
        assertThat(f.events(a.id(), "execution.running")).isEqualTo(1);
        assertThat(f.events(a.id(), "execution.submission_recorded")).isEqualTo(1);
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
        assertThat(sim.tm().count("map")).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll' AND execution_id = $1", a.id())).isZero();
        for (String phase : List.of("total", "stage", "submit")) {
            assertThat(f.meters.get("beampipe_execute_duration").tag("phase", phase).timer().count()).isEqualTo(1);
        }
        assertThat(f.meters.find("beampipe_execute_terminal").counters()).isEmpty();

        // a re-run after the receipt changes nothing and sends nothing
        long events = db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1", a.id());
        f.handler(REAL).handle(a.context());
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);
        assertThat(sim.tm().count("unroll_and_partition")).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1", a.id())).isEqualTo(events);
        assertThat(f.row(a.id()).getString("submission_state")).isEqualTo("submitted");
    }

    @Test
    void dryRunRecordsEveryCallReceiptsAndQueuesTheFirstPoll() throws Exception {
        f.source("HIPASSJ1318-41", 2, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-41");

        f.handler(DRY).handle(a.context());

        assertNothingSentToDaliuge();
        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("status")).isEqualTo("running");
        List<JsonObject> requests = f.dryRunRequests(a.id());
        assertThat(requests).extracting(r -> r.getString("url").replaceAll(".*/", ""))
                .containsExactly("unroll_and_partition", "map", "sessions", "append", "deploy");
        assertThat(requests.get(0).getString("body")).startsWith("lg_content=").contains("&num_partitions=1&num_islands=1&algorithm=metis");
        assertThat(requests.get(2).getString("body")).isEqualTo("{\"sessionId\":\"" + row.getString("daliuge_session_id") + "\"}");
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll' AND execution_id = $1 "
                + "AND idempotency_key = $2 AND pool = 'default'", a.id(), "dim_poll:" + a.id() + ":0")).isEqualTo(1);
        assertThat(row.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getString("backend_mode"))
                .isEqualTo("dry_run");
    }

    @Test
    void thePayloadsModeIsRecordedSoTheDimPollingFollowsItWhateverTheWorkerSetting() throws Exception {
        // dry-run worker, payload real: a real session that the tick (of any worker) polls
        f.source("HIPASSJ1318-42", 1, "1001");
        ExecuteFixture.Admitted real = f.admit("other", new JsonObject().put("use_real_backends", true), "HIPASSJ1318-42");
        f.handler(DRY).handle(real.context());
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
        assertThat(f.row(real.id()).getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record")
                .getString("backend_mode")).isEqualTo("real");
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll' AND execution_id = $1", real.id())).isZero();
        assertThat(dev.beampipe.worker.dimpoll.DimPollTargets.pending(db.sql(), 10_000, false))
                .extracting(dev.beampipe.worker.dimpoll.DimPollTarget::executionId).contains(real.id());

        // real worker, payload dry: its dim_poll completes it; the tick never asks the DIM for a session never created
        f.source("HIPASSJ1318-43", 1, "1001");
        ExecuteFixture.Admitted dry = f.admit("other", new JsonObject().put("use_real_backends", false), "HIPASSJ1318-43");
        f.handler(REAL).handle(dry.context());
        assertThat(f.row(dry.id()).getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record")
                .getString("backend_mode")).isEqualTo("dry_run");
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll' AND execution_id = $1", dry.id())).isEqualTo(1);
        assertThat(dev.beampipe.worker.dimpoll.DimPollTargets.pending(db.sql(), 10_000, true))
                .extracting(dev.beampipe.worker.dimpoll.DimPollTarget::executionId).doesNotContain(dry.id());
    }

    @Test
    void twoWorkersRacingOneJobCreateOneSession() throws Exception {
        f.source("HIPASSJ1318-42", 2, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-42");
        ExecuteHandler first = f.handler(REAL);
        ExecuteHandler second = f.handler(REAL);
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> x = pool.submit(() -> {
                barrier.await();
                return first.handle(a.context());
            });
            java.util.concurrent.Future<?> y = pool.submit(() -> {
                barrier.await();
                return second.handle(a.context());
            });
            x.get();
            y.get();
        } finally {
            pool.shutdownNow();
        }
        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(sim.dim().sessionsCreated(row.getString("daliuge_session_id"))).isEqualTo(1);
        assertThat(sim.dim().count("create_session")).isEqualTo(1);
        assertThat(observations(a.id(), "intent_persisted")).isEqualTo(1);
        assertThat(f.events(a.id(), "execution.submission_recorded")).isEqualTo(1);
    }

    @Test
    void operatorRetryAfterADefiniteFailureReplaysTheSubmitStage() throws Exception {
        f.source("HIPASSJ1318-43", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-43");
        sim.tm().faults().add("map", Fault.status(500, null, 1));
        f.handler(REAL).handle(a.context());
        assertThat(f.row(a.id()).getString("status")).isEqualTo("failed");
        String patched = f.row(a.id()).getString("patched_graph_sha256");
        String manifest = f.row(a.id()).getString("manifest_sha256");
        // a restage would now build another manifest; the replay must use the stored one
        db.sql().update("UPDATE archive_metadata SET metadata_json = jsonb_set(metadata_json, '{datasets,0,note}', '\"changed\"') "
                + "WHERE project_module = $1", f.module);
        db.sql().update("UPDATE jobs SET status = 'completed' WHERE uuid = $1", a.job().id());
        db.sql().update("UPDATE source_registry SET workflow_run_pending = false WHERE project_module = $1", f.module);

        new ExecutionRetry(db).retry(a.id(), "TM fixed", "user:operator", "corr-retry");
        Job retry = new JobQueue(db).findByKey("execute:" + a.id() + ":retry:1").orElseThrow();
        assertThat(f.row(a.id()).getString("status")).isEqualTo("retrying");
        f.handler(REAL).handle(JobContexts.of(retry));

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("patched_graph_sha256")).isEqualTo(patched);
        assertThat(row.getString("manifest_sha256")).isEqualTo(manifest);
        assertThat(f.artifactKinds(a.id())).containsExactly("manifest", "patched_graph", "physical_graph", "source_graph");
        assertThat(sim.dim().sessionsCreated(row.getString("daliuge_session_id"))).isEqualTo(1);
    }

    @Test
    void slurmProfilesFailClearlyOnAWorkerWithoutASlurmBackend() throws Exception {
        f.source("HIPASSJ1318-44", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-44");
        JsonObject slurm = new JsonObject(java.nio.file.Files.readString(
                ReferenceFiles.path("config/deployment_profile.slurm-remote.json")));
        db.sql().update("UPDATE batch_execution_record SET deployment_profile_snapshot = $2 WHERE uuid = $1", a.id(), slurm);
        f.handler(REAL).handle(a.context());
        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("configuration");
        assertThat(row.getString("last_error")).contains("slurm_remote").contains("no Slurm backend configured");
        assertNothingSentToDaliuge();
    }

    @Test
    void deadlinePassingDuringTranslationFailsDefinitely() throws Exception {
        f.source("HIPASSJ1318-45", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-45");
        sim.tm().faults().delay("unroll_and_partition", 3000);
        f.handler(Map.of(ExecuteOptions.USE_REAL_BACKENDS, "true", ExecuteHandler.SUBMISSION_TIMEOUT, "1")).handle(a.context());
        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("submission_state")).isEqualTo("failed");
        assertThat(row.getString("last_error")).startsWith("backend submission exceeded its persisted wall-clock deadline at ")
                .endsWith("before any request was sent to the DIM");
        assertThat(sim.dim().count("create_session")).isZero();
    }

    // --- review fixes -------------------------------------------------------------------------------------------

    /**
     * A stale run (it read the row before the submission began, then lost its lease but kept going) reaches one of
     * its pre-submission writes only after another run's receipt: it must write nothing and stop.
     */
    @ParameterizedTest
    @ValueSource(strings = {"markAdmitted", "markRunning", "active", "storeGraphArtifacts", "markSubmitStarted"})
    void aStaleRunCannotRewindASubmittedExecution(String step) throws Exception {
        f.source("HIPASSJ1318-50", 2, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-50");
        JsonObject[] afterReceipt = new JsonObject[1];
        long[] eventsAfterReceipt = new long[1];
        ExecuteLedgerPort stale = f.interleaved(step, () -> {
            f.handler(REAL).handle(JobContexts.of(a.job()));
            afterReceipt[0] = f.row(a.id());
            eventsAfterReceipt[0] = db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1", a.id());
        });

        f.handler(REAL, stale).handle(a.context());

        assertThat(afterReceipt[0]).as("the other run ran at " + step).isNotNull();
        assertThat(afterReceipt[0].getString("submission_state")).isEqualTo("submitted");
        JsonObject row = f.row(a.id());
        for (String column : List.of("status", "control_phase", "execution_phase", "submission_state", "manifest_sha256",
                "source_graph_sha256", "patched_graph_sha256", "physical_graph_sha256")) {
            assertThat(row.getString(column)).as(column).isEqualTo(afterReceipt[0].getString(column));
        }
        assertThat(row.getString("control_phase")).isEqualTo("submitted");
        assertThat(row.getJsonObject("workflow_manifest")).isEqualTo(afterReceipt[0].getJsonObject("workflow_manifest"));
        assertThat(row.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getJsonObject("dim")
                .getString("session_id")).isEqualTo(row.getString("daliuge_session_id"));
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1", a.id()))
                .isEqualTo(eventsAfterReceipt[0]);
        assertThat(sim.dim().count("create_session")).isEqualTo(1);
    }

    @Test
    void anInterruptDuringASlowDeployStillRecordsTheReceipt() throws Exception {
        f.source("HIPASSJ1318-51", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-51");
        sim.dim().faults().delay("deploy_session", 1500);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                f.handler(REAL).handle(a.context());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        worker.start();
        while (sim.dim().count("deploy_session") == 0 && worker.isAlive()) {
            Thread.sleep(10);
        }
        worker.interrupt(); // what WorkerRuntime does on a lost lease or at shutdown
        worker.join();

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("physical_graph_sha256")).isEqualTo(f.artifactSha(a.id(), "physical_graph"));
        assertThat(f.events(a.id(), "execution.submission_recorded")).isEqualTo(1);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void anInterruptedSubmitThatCannotFinishIsHeldNotLeftInFlight() throws Exception {
        f.source("HIPASSJ1318-52", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-52");
        // the deploy outlives the 3 s deadline: the shielded submit ends with the deadline (uncertain, timeout)
        sim.dim().faults().delay("deploy_session", 4000);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                f.handler(Map.of(ExecuteOptions.USE_REAL_BACKENDS, "true", ExecuteHandler.SUBMISSION_TIMEOUT, "3"))
                        .handle(a.context());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        worker.start();
        while (sim.dim().count("deploy_session") == 0 && worker.isAlive()) {
            Thread.sleep(10);
        }
        worker.interrupt();
        worker.join();

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("failure_class")).isEqualTo("timeout");
        assertThat(row.getString("last_error")).startsWith("backend submission exceeded its persisted wall-clock deadline");
        assertThat(f.events(a.id(), "execution.submission_uncertain")).isEqualTo(1);
    }

    @Test
    void definiteAppendFailureDeletesTheSessionSoAnOperatorRetrySubmits() throws Exception {
        f.source("HIPASSJ1318-53", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-53");
        sim.dim().faults().add("append_graph", Fault.status(400, "InvalidGraphException", 1));

        f.handler(REAL).handle(a.context());

        JsonObject failed = f.row(a.id());
        String sid = failed.getString("daliuge_session_id");
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("submission_state")).isEqualTo("failed");
        assertThat(failed.getString("last_error")).contains("HTTP 400").endsWith("DIM session " + sid + " deleted");
        assertThat(sim.dim().count("delete_session")).isEqualTo(1);
        assertThat(observations(a.id(), "deleted_after_definite_failure")).isEqualTo(1);

        db.sql().update("UPDATE jobs SET status = 'completed' WHERE uuid = $1", a.job().id());
        db.sql().update("UPDATE source_registry SET workflow_run_pending = false WHERE project_module = $1", f.module);
        new ExecutionRetry(db).retry(a.id(), "graph fixed", "user:operator", "corr-retry");
        Job retry = new JobQueue(db).findByKey("execute:" + a.id() + ":retry:1").orElseThrow();
        f.handler(REAL).handle(JobContexts.of(retry));

        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("daliuge_session_id")).isEqualTo(sid);
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(2);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void aWorkerClockAheadOfTheDatabaseStillSubmitsWithinThePersistedDeadline() throws Exception {
        f.source("HIPASSJ1318-54", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-54");
        java.time.Clock ahead = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(2));

        f.handler(REAL, java.util.Optional.empty(), CasdaStagingSettings.defaults(), new LedgerExecutePort(db), ahead)
                .handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("last_error")).isNull();
        assertThat(row.getString("submission_state")).isEqualTo("submitted");
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void aFailureRacingAnotherRunsIntentIsHeldNotDiscarded() throws Exception {
        f.source("HIPASSJ1318-55", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-55");
        f.db.sql().update("UPDATE source_registry SET enabled = false WHERE project_module = $1", f.module);
        // another run begins the intent between this run's re-read and its terminal failure
        ExecuteLedgerPort racing = f.interleaved("failTerminal", () -> assertThat(SubmissionIntent.begin(db, a.id(),
                "daliuge", "BeampipeExecution-other", "http://dim", 1800, null)).isInstanceOf(SubmissionIntent.Begun.class));

        f.handler(REAL, racing).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("last_error")).isEqualTo("Source HIPASSJ1318-55 is disabled");
        assertThat(f.events(a.id(), "execution.submission_uncertain")).isEqualTo(1);
        assertThat(f.events(a.id(), "execution.failed")).isZero();
    }

    @Test
    void aNullPinnedSignatureWithSignedSourcesFails() throws Exception {
        f.source("HIPASSJ1318-56", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-56");
        f.db.sql().update("UPDATE batch_execution_record SET discovery_signature = NULL WHERE uuid = $1", a.id());
        f.handler(DRY).handle(a.context());
        assertThat(f.row(a.id()).getString("status")).isEqualTo("failed");
        assertThat(f.row(a.id()).getString("last_error")).isEqualTo(PinnedInputs.SIGNATURE_CHANGED);
    }

    @Test
    void aDryRunDoesNotFetchGraphUrlAndFailsClearly() throws Exception {
        f.source("HIPASSJ1318-57", 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), "HIPASSJ1318-57");
        String url = sim.tmBase().toString().replaceAll("/+$", "") + "/graphs/hipass.graph";
        java.util.UUID revision = f.revisionWithGraphUrl(url);
        f.db.sql().update("UPDATE batch_execution_record SET project_config_id = $2 WHERE uuid = $1", a.id(), revision);

        f.handler(DRY).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("configuration");
        assertThat(row.getString("last_error")).contains("has no stored graph bytes").contains(url)
                .contains("is not fetched in a dry run");
        assertThat(f.dryRunRequests(a.id())).singleElement().satisfies(r -> {
            assertThat(r.getString("method")).isEqualTo("GET");
            assertThat(r.getString("url")).isEqualTo(url);
            assertThat(r.getBoolean("sent")).isFalse();
        });
        assertNothingSentToDaliuge();
    }
}
