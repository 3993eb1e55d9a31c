package dev.beampipe.worker.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ops.SlurmNameLookup;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import dev.beampipe.worker.execute.ExecuteFixture;
import dev.beampipe.worker.execute.ExecuteHandler;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slurm execution end to end on PostgreSQL against the in-process fake login node (MINA SSH server, real bash, fake
 * Slurm and DALiuGE commands): the execute job submits over SSH with a passphrase-protected key from a credential
 * slot and strict known_hosts, then {@code slurm_poll_tick} polls the job to its end. The real-cluster variant of the
 * same scenarios is {@link RealSlurmExecutionScenariosTest}.
 */
class SlurmExecutionScenariosTest {
    static final String SLOT = "fake-node";
    static final String PASSPHRASE = "planted-passphrase-7f3a9c";
    @TempDir
    static Path dir;
    static TestDatabase testDb;
    static Database db;
    static DaliugeSimulator sim;
    static FakeLoginNode node;
    static Path privateKey;
    static Map<String, String> env;
    static SshConnector connector;
    static SshSessionPool pool;
    static SlurmExecutionScenarios scenarios;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        db = testDb.db();
        sim = DaliugeSimulator.start(0);
        node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")));
        Path root = dir.resolve("credentials");
        Path slot = Files.createDirectories(root.resolve(SLOT));
        privateKey = SlurmKeys.generate(slot.resolve("private_key"), PASSPHRASE);
        node.authorize(Files.readString(slot.resolve("private_key.pub")).trim());
        SlurmKeys.secretFile(slot.resolve("passphrase"), PASSPHRASE + "\n");
        Files.writeString(slot.resolve("known_hosts"), node.knownHostsLine() + "\n");
        env = new LinkedHashMap<>();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", root.toString());
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "true");
        env.put("BEAMPIPE_USE_REAL_BACKENDS", "true");
        connector = new SshConnector(SshTimeouts.defaults());
        pool = new SshSessionPool(connector, Duration.ofSeconds(300));
        Files.createDirectories(node.home().resolve("dlg"));
        Files.createDirectories(node.home().resolve("logs"));
        scenarios = new SlurmExecutionScenarios(db, sim, deployment(), env, connector, pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
        connector.close();
        node.close();
        sim.close();
        testDb.close();
    }

    static SlurmRemoteDeployment deployment() {
        String home = node.home().toString();
        return new SlurmRemoteDeployment(FakeLoginNode.HOST, node.port(), "beampipe", SLOT, "science", home,
                home + "/logs", "srun -l", home + "/dlg", null, null, "setonix", 30, 1, 1, 1, 0, false, false, false,
                false, null, null, new SlurmRemoteDeployment.Resources("debug", 1L, null, null, null, 5L, null, null),
                SlurmRemoteDeployment.ManagerTopology.EMPTY, null, null);
    }

    @Test
    void completedJobIsSubmittedOverSshPolledToCompletedAndRecordsJobIdStatesAndLogLocations() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(10), Duration.ofSeconds(10));
        SlurmExecutionScenarios.Run run = scenarios.submit("C");
        assertThat(run.jobId()).matches("\\d+");
        assertThat(node.jobs()).anySatisfy(j -> assertThat(j.toString()).contains(run.sessionId()));
        scenarios.tick();
        assertThat(scenarios.row(run).getString("scheduler_state")).isEqualTo("pending");
        node.scenario().advance(Duration.ofSeconds(12));
        scenarios.tick();
        assertThat(scenarios.row(run).getString("scheduler_state")).isEqualTo("running");
        assertThat(scenarios.row(run).getString("status")).isEqualTo("running");
        node.scenario().advance(Duration.ofSeconds(12));
        scenarios.tick();
        scenarios.assertCompleted(run);
        assertThat(scenarios.meters.get("beampipe_slurm_ssh_sessions_active").tag("login_node", FakeLoginNode.HOST)
                .gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(scenarios.meters.get("beampipe_reconciliation").tag("component", "slurm").tag("result", "observed")
                .counter().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void nonZeroExitEndsFailedWithTheExitCodeAndTheRealStderrPath() throws Exception {
        node.scenario().failWith(3);
        SlurmExecutionScenarios.Run run = scenarios.submit("F");
        node.scenario().advance(Duration.ofSeconds(5));
        scenarios.tick();
        scenarios.assertFailed(run, "FAILED", "failed");
        assertThat(scenarios.row(run).getString("last_error")).contains("exit_code=3");
    }

    @Test
    void wallTimeEndsTimedOut() throws Exception {
        node.scenario().timeout();
        SlurmExecutionScenarios.Run run = scenarios.submit("T");
        node.scenario().advance(Duration.ofSeconds(5));
        scenarios.tick();
        scenarios.assertFailed(run, "TIMEOUT", "timed_out");
    }

    @Test
    void cancelEndsCancelledConfirmed() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(3600));
        SlurmExecutionScenarios.Run run = scenarios.submit("X");
        node.scenario().advance(Duration.ofSeconds(2));
        scenarios.tick();
        assertThat(scenarios.row(run).getString("scheduler_state")).isEqualTo("running");
        var cancel = scenarios.cancelConfirmed(run, new SlurmCancel(Duration.ofMillis(200), 11, Duration.ofSeconds(45),
                Duration.ofSeconds(60)));
        assertThat(cancel.cancelled()).isTrue();
        assertThat(cancel.backend()).isEqualTo("slurm");
        assertThat(node.commands()).anySatisfy(c -> assertThat(c).contains("scancel -- " + run.jobId()));
        assertThat(scenarios.row(run).getString("status")).isEqualTo("cancelled");
        assertThat(scenarios.row(run).getString("scheduler_raw_state")).isEqualTo("CANCELLED_CONFIRMED");
        assertThat(scenarios.row(run).getString("scheduler_state")).isEqualTo("cancelled");
    }

    @Test
    void outOfMemoryNodeFailAndPreemptedEndFailed() throws Exception {
        for (String state : List.of("OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED")) {
            node.scenario().state(state);
            SlurmExecutionScenarios.Run run = scenarios.submit("S" + state.charAt(0));
            node.scenario().advance(Duration.ofSeconds(5));
            scenarios.tick();
            scenarios.assertFailed(run, state, "failed");
            assertThat(scenarios.row(run).getString("last_error")).contains("state=FAILED reason=failed");
        }
    }

    @Test
    void aChangedHostKeyIsAClearErrorRecordedWithoutLosingTheSchedulerState() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(3600));
        SlurmExecutionScenarios.Run run = scenarios.submit("H");
        node.scenario().advance(Duration.ofSeconds(2));
        scenarios.tick();
        assertThat(scenarios.row(run).getString("scheduler_state")).isEqualTo("running");
        node.restartWithHostKey(dir.resolve("other_host_key"));
        try {
            // the pooled session dies with the old server (a dropped channel); the next connection meets the new key
            scenarios.tick();
            scenarios.tick();
            JsonObject row = scenarios.row(run);
            assertThat(row.getString("scheduler_state")).isEqualTo("running");
            assertThat(row.getString("status")).isEqualTo("running");
            assertThat(row.getString("failure_class")).isEqualTo("authorization");
            assertThat(row.getString("last_error")).contains("host key").contains(node.port() + "");
            assertThat(scenarios.observationReasons(run)).anySatisfy(r -> assertThat(r).contains("host key"));

            ExecuteFixture.Admitted refused = scenarios.admitOnly("H2");
            scenarios.execute(refused);
            JsonObject failed = scenarios.fixture().row(refused.id());
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("failure_class")).isEqualTo("authorization");
            assertThat(failed.getString("last_error")).startsWith("Slurm login node 127.0.0.1 (beampipe@127.0.0.1) "
                    + "unreachable: ").contains("host key").endsWith("Check VPN/SSH before submit.");
        } finally {
            node.restartWithHostKey(dir.resolve("node/ssh_host_ed25519_key"));
        }
    }

    @Test
    void thePlantedKeyAndPassphraseNeverReachTheLedgerOrTheLogs() throws Exception {
        LogCapture logs = LogCapture.start();
        SlurmExecutionScenarios.Run run;
        try {
            node.scenario().failWith(1);
            run = scenarios.submit("K");
            node.scenario().advance(Duration.ofSeconds(5));
            scenarios.tick();
        } finally {
            logs.stop();
        }
        String key = Files.readString(privateKey);
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (String secret : List.of(PASSPHRASE, keyBody)) {
            assertThat(scenarios.everythingStoredAbout(run)).doesNotContain(secret);
            assertThat(logs.text()).doesNotContain(secret);
        }
        assertThat(scenarios.everythingStoredAbout(run)).contains(run.jobId());
        assertThat(logs.text()).contains("event=execute_submitted").contains("event=slurm_poll_terminal");
    }

    @Test
    void aDryRunRecordsTheRenderedFilesAndCommandsWithoutSshAndCompletesThroughTheTick() throws Exception {
        ExecuteFixture.Admitted admitted = scenarios.admitOnly("D");
        Map<String, String> dry = new LinkedHashMap<>(env);
        dry.put("BEAMPIPE_USE_REAL_BACKENDS", "false");
        scenarios.fixture().slurmHandler(dry, scenarios.backend()).handle(admitted.context());
        JsonObject row = scenarios.fixture().row(admitted.id());
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("scheduler_job_id")).isEqualTo("0");
        List<String> stages = scenarios.fixture().dryRunRequests(admitted.id()).stream()
                .map(r -> r.getString("command", r.getString("url"))).toList();
        assertThat(stages).anySatisfy(c -> assertThat(c).contains("create_dlg_job"))
                .anySatisfy(c -> assertThat(c).contains("sbatch").contains("--job-name=" + row.getString("daliuge_session_id")));
        assertThat(scenarios.fixture().dryRunRequests(admitted.id())).anySatisfy(r ->
                assertThat(r.encode()).contains("[ENGINE]").contains("NUM_NODES = 1"));
        assertThat(scenarios.fixture().dryRunRequests(admitted.id())).anySatisfy(r ->
                assertThat(r.encode()).contains("#SBATCH --account=science"));
        scenarios.tick();
        assertThat(scenarios.fixture().row(admitted.id()).getString("status")).isEqualTo("completed");
        assertThat(node.commands()).noneMatch(c -> c.contains(row.getString("daliuge_session_id")));
    }

    @Test
    void anUncertainSubmissionIsAdoptedByItsJobNameAndAMissingOneRecordsNegativeEvidence() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1)).dropConnectionAfterRunning("--parsable");
        ExecuteFixture.Admitted ran = scenarios.admitOnly("U1");
        scenarios.execute(ran);
        node.scenario().clearFaults().dropConnectionOn("--parsable");
        ExecuteFixture.Admitted neverRan = scenarios.admitOnly("U2");
        scenarios.execute(neverRan);
        node.scenario().clearFaults();
        for (ExecuteFixture.Admitted a : List.of(ran, neverRan)) {
            JsonObject held = scenarios.fixture().row(a.id());
            assertThat(held.getString("submission_state")).isEqualTo("uncertain");
            assertThat(held.getString("scheduler_job_id")).isNull();
        }
        String sid = scenarios.fixture().row(ran.id()).getString("daliuge_session_id");
        assertThat(node.jobs()).filteredOn(j -> j.toString().contains(sid)).hasSize(1);

        node.scenario().advance(Duration.ofSeconds(5));
        scenarios.tick();
        JsonObject adopted = scenarios.fixture().row(ran.id());
        assertThat(adopted.getString("scheduler_job_id")).matches("\\d+");
        assertThat(adopted.getString("submission_state")).isEqualTo("uncertain");
        JsonObject evidence = scenarios.nameLookupEvidence(ran.id()).get(0);
        assertThat(evidence.getString("schema")).isEqualTo("beampipe-slurm-name-lookup/v1");
        assertThat(evidence.getString("result")).isEqualTo("exact");
        assertThat(evidence.getJsonArray("matched_scheduler_job_ids").getString(0))
                .isEqualTo(adopted.getString("scheduler_job_id"));
        assertThat(evidence.fieldNames()).contains("lookup_id", "intent_observation_id", "daliuge_session_id",
                "profile_sha256", "profile_pinned", "target_fingerprint", "accounting_not_before", "query_started_at",
                "query_completed_at", "sources", "query_complete", "matched_scheduler_job_ids", "source", "retryable",
                "active_execute_lease", "canonical_state_mutation_allowed", "eligible_for_abandonment",
                "late_after_abandonment");
        scenarios.tick();
        assertThat(scenarios.fixture().row(ran.id()).getString("status")).isEqualTo("completed");

        JsonObject missing = scenarios.fixture().row(neverRan.id());
        assertThat(missing.getString("scheduler_job_id")).isNull();
        assertThat(missing.getString("scheduler_state")).isEqualTo("unknown");
        assertThat(missing.getString("failure_class")).isEqualTo("not_found");
        JsonObject negative = scenarios.nameLookupEvidence(neverRan.id()).get(0);
        assertThat(negative.getString("result")).isEqualTo("not_found");
        assertThat(negative.getBoolean("query_complete")).isTrue();
        assertThat(negative.getBoolean("eligible_for_abandonment")).isTrue();
    }

    @Test
    void aBrokenTargetIsRecordedOnItsExecutionsOnlyAndABadSnapshotIsAConfigurationFailure() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1));
        SlurmExecutionScenarios.Run healthy = scenarios.submit("I1");
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1));
        SlurmExecutionScenarios.Run unreachable = scenarios.submit("I2");
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1));
        SlurmExecutionScenarios.Run misconfigured = scenarios.submit("I3");
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        db.sql().update("UPDATE batch_execution_record SET deployment_profile_snapshot = jsonb_set("
                + "deployment_profile_snapshot, '{deployment,ssh_port}', to_jsonb($2::int)) WHERE uuid = $1",
                unreachable.id(), deadPort);
        db.sql().update("UPDATE batch_execution_record SET deployment_profile_snapshot = jsonb_set("
                + "deployment_profile_snapshot, '{deployment,kind}', '\"rest_remote\"') WHERE uuid = $1", misconfigured.id());
        node.scenario().advance(Duration.ofSeconds(5));
        scenarios.tick();

        assertThat(scenarios.row(healthy).getString("status")).isEqualTo("completed");
        JsonObject down = scenarios.row(unreachable);
        assertThat(down.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(down.getString("scheduler_state")).isEqualTo("pending");
        assertThat(down.getString("failure_class")).isEqualTo("connectivity");
        assertThat(down.getString("last_error")).contains("Slurm status query for beampipe@127.0.0.1:" + deadPort);
        assertThat(scenarios.lastObservation(unreachable).getString("raw_state")).isEqualTo("target_query_failed");
        JsonObject bad = scenarios.lastObservation(misconfigured);
        assertThat(bad.getString("raw_state")).isEqualTo("invalid_deployment_profile_snapshot");
        assertThat(bad.getJsonObject("payload").getBoolean("retryable")).isFalse();
        assertThat(scenarios.row(misconfigured).getString("failure_class")).isEqualTo("configuration");
        assertThat(scenarios.meters.get("beampipe_slurm_poll_errors").tag("reason", "target_query_failed").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(scenarios.meters.get("beampipe_slurm_poll_batch_size").gauge().value()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anExecutionWhoseExecuteJobHoldsALiveLeaseIsNotPolled() throws Exception {
        node.scenario().completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1));
        SlurmExecutionScenarios.Run run = scenarios.submit("L");
        db.sql().update("UPDATE jobs SET status = 'running', lease_expires_at = now() + interval '5 minutes', "
                + "locked_until = now() + interval '5 minutes' WHERE execution_id = $1 AND kind = 'execute'", run.id());
        node.scenario().advance(Duration.ofSeconds(5));
        scenarios.tick();
        assertThat(scenarios.row(run).getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(scenarios.schedulerStates(run)).containsExactly("pending");
        db.sql().update("UPDATE jobs SET status = 'completed', lease_expires_at = NULL, locked_until = NULL "
                + "WHERE execution_id = $1 AND kind = 'execute'", run.id());
        scenarios.tick();
        assertThat(scenarios.row(run).getString("status")).isEqualTo("completed");
    }

    /** An execution whose sbatch never ran because the connection dropped on it: held {@code uncertain}, no job id. */
    private static ExecuteFixture.Admitted heldUncertain(String name) throws Exception {
        node.scenario().clearFaults().dropConnectionOn("--parsable");
        ExecuteFixture.Admitted a = scenarios.admitOnly(name);
        try {
            scenarios.execute(a);
        } finally {
            node.scenario().clearFaults();
        }
        JsonObject held = scenarios.fixture().row(a.id());
        assertThat(held.getString("submission_state")).isEqualTo("uncertain");
        assertThat(held.getString("scheduler_job_id")).isNull();
        assertThat(held.getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getString("backend_mode"))
                .isEqualTo("real");
        return a;
    }

    @Test
    void aDryRunSubmissionHeldUncertainIsNeverLookedUpOverSshEvenByARealModeTick() throws Exception {
        ExecuteFixture.Admitted a = heldUncertain("DU");
        db.sql().update("UPDATE batch_execution_record SET workflow_manifest = jsonb_set(workflow_manifest, "
                + "'{beampipe_run_record,backend_mode}', '\"dry_run\"') WHERE uuid = $1", a.id());
        String sid = scenarios.fixture().row(a.id()).getString("daliuge_session_id");
        int before = node.commands().size();
        scenarios.tick();
        assertThat(node.commands().subList(before, node.commands().size())).noneMatch(c -> c.contains(sid));
        assertThat(scenarios.nameLookupEvidence(a.id())).isEmpty();
        assertThat(scenarios.fixture().row(a.id()).getString("submission_state")).isEqualTo("uncertain");
    }

    @Test
    void aRealSubmissionHeldUncertainIsLookedUpByATickWhoseWorkerDefaultIsDryRun() throws Exception {
        ExecuteFixture.Admitted a = heldUncertain("RU");
        String sid = scenarios.fixture().row(a.id()).getString("daliuge_session_id");
        int before = node.commands().size();
        scenarios.dryRunDefaultTick();
        assertThat(node.commands().subList(before, node.commands().size())).anyMatch(c -> c.contains(sid));
        assertThat(scenarios.nameLookupEvidence(a.id())).singleElement()
                .satisfies(e -> assertThat(e.getString("result")).isEqualTo("not_found"));
    }

    @Test
    void aLookupTheLedgerRejectsIsRecordedOnItsExecutionAsANonRetryableFindByNameFailure() throws Exception {
        ExecuteFixture.Admitted a = heldUncertain("RJ");
        // a clock running backwards: query_completed_at before query_started_at, which the ledger rejects
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock backwards = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.now().minusSeconds(60 * ticks.incrementAndGet());
            }
        };
        scenarios.reconciler(new SlurmNameLookup(Duration.ofSeconds(60), backwards), true)
                .reconcileAll("corr-rejected", () -> { });
        assertThat(scenarios.nameLookupEvidence(a.id())).isEmpty();
        JsonObject failure = db.sql().first("SELECT to_jsonb(o) FROM execution_observations o WHERE execution_id = $1 "
                + "AND raw_state = 'name_lookup_rejected'", r -> (JsonObject) r.getValue(0), a.id()).orElseThrow();
        assertThat(failure.getString("kind")).isEqualTo("scheduler");
        assertThat(failure.getString("reason")).contains("query_completed_at must not be before query_started_at");
        JsonObject payload = failure.getJsonObject("payload");
        assertThat(payload.getString("operation")).isEqualTo("find_by_name");
        assertThat(payload.getString("error_kind")).isEqualTo("name_lookup_rejected");
        assertThat(payload.getBoolean("retryable")).isFalse();
        assertThat(scenarios.meters.get("beampipe_slurm_poll_errors").tag("reason", "name_lookup_rejected").counter()
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeadlineOverrunDuringCreateDlgJobIsADefiniteFailureAndQueuesNoJob() throws Exception {
        ExecuteFixture.Admitted a = scenarios.admitOnly("SD");
        Map<String, String> shortDeadline = new LinkedHashMap<>(env);
        shortDeadline.put(ExecuteHandler.SUBMISSION_TIMEOUT, "3");
        node.scenario().clearFaults().slowCommand("create_dlg_job", Duration.ofSeconds(6));
        try {
            scenarios.fixture().slurmHandler(shortDeadline, scenarios.backend()).handle(a.context());
        } finally {
            node.scenario().clearFaults();
        }
        JsonObject row = scenarios.fixture().row(a.id());
        assertThat(row.getString("submission_state")).as(row.getString("last_error")).isEqualTo("failed");
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("scheduler_job_id")).isNull();
        assertThat(row.getString("last_error"))
                .startsWith("backend submission exceeded its persisted wall-clock deadline at ")
                .endsWith("before any request was sent to sbatch on the Slurm login node");
        String sid = row.getString("daliuge_session_id");
        assertThat(sid).isNotBlank();
        assertThat(node.commands()).anyMatch(c -> c.contains("create_dlg_job"));
        assertThat(node.jobs()).noneMatch(j -> j.toString().contains(sid));
    }
}
