package dev.beampipe.worker.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.ledger.control.ConfirmedCancellation;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.control.ExternalCancel;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ops.SlurmNameLookup;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.worker.execute.ExecuteFixture;
import dev.beampipe.worker.execute.SlurmExecutionBackend;
import dev.beampipe.worker.runtime.JobContexts;
import dev.beampipe.worker.slurmpoll.SlurmNameReconciler;
import dev.beampipe.worker.slurmpoll.SlurmPollMetrics;
import dev.beampipe.worker.slurmpoll.SlurmPollSettings;
import dev.beampipe.worker.slurmpoll.SlurmPollTickHandler;
import dev.beampipe.worker.slurmpoll.SlurmPoller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slurm scenarios' moves, shared by the fake login node and the real cluster: admit an execution of a Slurm
 * profile, run the production execute handler with the real Slurm backend, run {@code slurm_poll_tick}, read back the
 * ledger. One project module and profile per instance.
 */
final class SlurmExecutionScenarios {
    private static final AtomicInteger SBID = new AtomicInteger(2000);
    private final Database db;
    private final ExecuteFixture fixture;
    private final Map<String, String> env;
    private final SshConnector connector;
    private final SlurmExecutionBackend backend;
    private final SlurmPollTickHandler tick;
    private final SlurmPollTickHandler dryRunDefaultTick;
    private final SlurmPollMetrics metrics;
    private final SlurmRemoteDeployment deployment;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    record Run(UUID id, String jobId, String sessionId) {
    }

    SlurmExecutionScenarios(Database db, DaliugeSimulator sim, SlurmRemoteDeployment deployment, Map<String, String> env,
                            SshConnector connector, SshSessionPool pool) throws Exception {
        this.db = db;
        this.deployment = deployment;
        this.fixture = new ExecuteFixture(db, sim, deployment);
        this.env = Map.copyOf(env);
        this.connector = connector;
        this.backend = new SlurmExecutionBackend(connector, env);
        this.metrics = new SlurmPollMetrics(meters);
        this.tick = tickHandler(pool, true);
        this.dryRunDefaultTick = tickHandler(pool, false);
    }

    /** The production tick; {@code workerReal} is the polling worker's {@code BEAMPIPE_USE_REAL_BACKENDS}. */
    private SlurmPollTickHandler tickHandler(SshSessionPool pool, boolean workerReal) {
        SlurmPollSettings settings = new SlurmPollSettings(workerReal, 500, java.time.Duration.ofSeconds(300));
        SlurmPoller poller = new SlurmPoller(db, env, SlurmPoller.pooled(pool), SlurmPollSettings.TARGET_LIMIT,
                Clock.systemUTC(), workerReal, metrics);
        return new SlurmPollTickHandler(db, reconciler(new SlurmNameLookup(), workerReal), poller, settings, metrics, pool);
    }

    SlurmNameReconciler reconciler(SlurmNameLookup lookup, boolean workerReal) {
        return new SlurmNameReconciler(db, connector, env, lookup, Clock.systemUTC(), metrics, 500, workerReal);
    }

    ExecuteFixture fixture() {
        return fixture;
    }

    SlurmExecutionBackend backend() {
        return backend;
    }

    ExecuteFixture.Admitted admitOnly(String name) {
        String source = "HIPASSJ" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        fixture.source(source, 1, String.valueOf(SBID.incrementAndGet()));
        return fixture.admit("other", new JsonObject(), source);
    }

    void execute(ExecuteFixture.Admitted admitted) throws Exception {
        fixture.slurmHandler(env, backend).handle(admitted.context());
    }

    /** Admits and executes; the receipt must be recorded (awaiting the scheduler with an exact job id). */
    Run submit(String name) throws Exception {
        ExecuteFixture.Admitted admitted = admitOnly(name);
        execute(admitted);
        JsonObject row = fixture.row(admitted.id());
        assertThat(row.getString("submission_state")).as(row.getString("last_error")).isEqualTo("submitted");
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("scheduler_name")).isEqualTo("slurm");
        assertThat(row.getString("scheduler_job_id")).matches("\\d+");
        assertThat(row.getString("remote_session_dir")).startsWith(deployment.dlgRoot());
        return new Run(admitted.id(), row.getString("scheduler_job_id"), row.getString("daliuge_session_id"));
    }

    void tick() throws InterruptedException {
        tick(tick);
    }

    /** A tick of a worker whose {@code BEAMPIPE_USE_REAL_BACKENDS} is false. */
    void dryRunDefaultTick() throws InterruptedException {
        tick(dryRunDefaultTick);
    }

    private void tick(SlurmPollTickHandler handler) throws InterruptedException {
        Job job = new JobQueue(db).enqueueRecurring(EnqueueRequest.of(SlurmPollTickHandler.KIND,
                new JsonObject().put("interval_secs", 5)).withKey("slurm_poll_tick:test"));
        handler.handle(JobContexts.of(job));
    }

    JsonObject row(Run run) {
        return fixture.row(run.id());
    }

    JsonObject slurmRecord(Run run) {
        return row(run).getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getJsonObject("slurm");
    }

    List<String> observationReasons(Run run) {
        return db.sql().list("SELECT COALESCE(reason, '') FROM execution_observations WHERE execution_id = $1 "
                + "ORDER BY observed_at", r -> r.getString(0), run.id());
    }

    List<String> schedulerStates(Run run) {
        return db.sql().list("SELECT normalized_state FROM execution_observations WHERE execution_id = $1 "
                + "AND kind = 'scheduler' ORDER BY observed_at", r -> r.getString(0), run.id());
    }

    /** The newest observation of the execution (any kind). */
    JsonObject lastObservation(Run run) {
        return db.sql().first("SELECT to_jsonb(o) FROM execution_observations o WHERE execution_id = $1 "
                + "ORDER BY observed_at DESC, uuid DESC LIMIT 1", r -> (JsonObject) r.getValue(0), run.id()).orElseThrow();
    }

    /** The name-lookup evidence payloads of an execution, newest first. */
    List<JsonObject> nameLookupEvidence(UUID id) {
        return db.sql().list("SELECT payload FROM execution_observations WHERE execution_id = $1 AND kind = 'scheduler' "
                + "AND source_version = 'beampipe-slurm-name-lookup/v1' ORDER BY observed_at DESC", r -> (JsonObject) r.getValue(0), id);
    }

    void assertCompleted(Run run) {
        JsonObject row = row(run);
        assertThat(row.getString("status")).as(row.getString("last_error")).isEqualTo("completed");
        assertThat(row.getString("scheduler_state")).isEqualTo("succeeded");
        assertThat(row.getString("scheduler_job_id")).isEqualTo(run.jobId());
        JsonObject slurm = slurmRecord(run);
        assertThat(slurm.getString("slurm_job_id")).isEqualTo(run.jobId());
        assertThat(slurm.getString("composite_scheduler_job_id")).startsWith(run.sessionId() + ":" + run.jobId() + "|");
        JsonObject paths = slurm.getJsonObject("paths");
        assertThat(paths.getString("session_dir")).isEqualTo(row.getString("remote_session_dir"));
        assertThat(paths.getString("stdout")).isEqualTo(row.getString("remote_session_dir") + "/slurm-" + run.jobId() + ".out");
        assertThat(paths.getString("stderr")).isEqualTo(row.getString("remote_session_dir") + "/slurm-" + run.jobId() + ".err");
        assertThat(slurm.getJsonObject("terminal").getString("state")).isEqualTo("COMPLETED");
        assertThat(slurm.getJsonObject("terminal").getString("ledger_status")).isEqualTo("completed");
        assertThat(schedulerStates(run)).contains("pending", "succeeded");
    }

    void assertFailed(Run run, String rawState, String schedulerState) {
        JsonObject row = row(run);
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("scheduler_state")).isEqualTo(schedulerState);
        assertThat(row.getString("scheduler_raw_state")).startsWith(rawState);
        assertThat(row.getString("last_error")).startsWith("SLURM job " + run.jobId() + " finished in state=")
                .contains("stderr=" + row.getString("remote_session_dir") + "/slurm-" + run.jobId() + ".err");
        assertThat(slurmRecord(run).getJsonObject("terminal").getString("ledger_status")).isEqualTo("failed");
    }

    SlurmCancel.CancelResult cancel(Run run, SlurmCancel cancel) throws Exception {
        SshTarget target = SshTarget.of(deployment, env);
        return cancel.cancel(connector, target, new SshCredentialResolver(env).resolve(deployment.sshCredential()),
                run.jobId());
    }

    /**
     * The operator's cancel (the API's and CLI's path): {@code scancel} over SSH through the pinned profile, confirmed
     * only by an observed CANCELLED, then the ledger write.
     */
    ConfirmedCancellation.Result cancelConfirmed(Run run, SlurmCancel cancel) {
        return new ConfirmedCancellation(new ExecutionCancellation(db), new ExternalCancel(db, true,
                java.time.Duration.ofSeconds(45), java.time.Duration.ofMillis(500), env, cancel))
                .cancel(run.id(), "user:scenario", "corr-cancel");
    }

    /** Everything the ledger holds about an execution, as text: row, observations, events, artifacts, jobs. */
    String everythingStoredAbout(Run run) {
        StringBuilder b = new StringBuilder(row(run).encode());
        for (String table : List.of("execution_observations", "execution_artifacts", "provenance_events")) {
            db.sql().list("SELECT to_jsonb(t)::text FROM " + table + " t WHERE execution_id = $1", r -> r.getString(0),
                    run.id()).forEach(b::append);
        }
        db.sql().list("SELECT to_jsonb(j)::text FROM jobs j WHERE execution_id = $1", r -> r.getString(0), run.id())
                .forEach(b::append);
        return b.toString();
    }
}
