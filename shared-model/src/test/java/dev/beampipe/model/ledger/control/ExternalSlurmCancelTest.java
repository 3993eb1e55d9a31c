package dev.beampipe.model.ledger.control;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.slurm.ops.FakeNodeFixture;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live Slurm cancel through the pinned profile: a real SSH session to the fake login node, scancel, and the ledger
 * written only after a status query observed CANCELLED.
 */
class ExternalSlurmCancelTest {
    @TempDir
    static Path dir;
    static TestDatabase testDb;
    static Database db;
    static FakeNodeFixture fx;
    static RemoteShell shell;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        db = testDb.db();
        fx = new FakeNodeFixture(dir);
        shell = fx.open();
    }

    @AfterAll
    static void stop() {
        shell.close();
        fx.close();
        testDb.close();
    }

    static ExternalCancel real(Map<String, String> env) {
        return new ExternalCancel(db, true, Duration.ofSeconds(10), Duration.ofMillis(20), env,
                new SlurmCancel(Duration.ofMillis(50), 11, Duration.ofSeconds(45), Duration.ofSeconds(60)));
    }

    static UUID slurmExecution(String jobId, JsonObject snapshot) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot, scheduler_name, scheduler_job_id, scheduler_state, daliuge_session_id, "
                        + "daliuge_state, submission_state) VALUES ($1, 'm', $2, 'casda', 'awaiting_scheduler', $3, 'slurm', $4, "
                        + "'pending', $5, 'not_created', 'submitted')",
                id, new JsonArray(), snapshot, jobId, "sid-" + jobId);
        return id;
    }

    static JsonObject snapshot() {
        return new JsonObject(fx.profileDocument(o -> { }).toString());
    }

    static String pendingJob() throws Exception {
        fx.node.scenario().pendingFor(Duration.ofHours(1), "Priority");
        return fx.sbatch(shell, "xc-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void aLiveJobIsCancelledAndConfirmedThenTheLedgerIsWritten() throws Exception {
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        ConfirmedCancellation.Result r = new ConfirmedCancellation(new ExecutionCancellation(db), real(fx.env))
                .cancel(id, "operator:cli", null);
        assertThat(r.cancelled()).as(r.reason()).isTrue();
        assertThat(r.dryRun()).isFalse();
        assertThat(fx.node.commands()).contains("scancel -- " + job);
        assertThat(ExecutionFixtures.status(db, id)).isEqualTo("cancelled");
        assertThat(ExecutionFixtures.events(db, id, "execution.cancelled")).isEqualTo(1);
    }

    @Test
    void theOutcomeNamesTheTargetAndTheObservation() throws Exception {
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        ExternalCancel.Outcome c = real(fx.env).cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, job));
        assertThat(c.confirmed()).as(c.reason()).isTrue();
        assertThat(c.request().getString("target")).isEqualTo("beampipe@127.0.0.1:" + fx.node.port());
        assertThat(c.request().getJsonObject("last_observation").getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void aFinishedJobIsUnconfirmedAndTheLedgerIsUntouched() throws Exception {
        fx.node.scenario().completeAfter(Duration.ZERO, Duration.ofSeconds(1));
        String job = fx.sbatch(shell, "xf-" + UUID.randomUUID().toString().substring(0, 8));
        fx.node.scenario().advance(Duration.ofSeconds(30));
        UUID id = slurmExecution(job, snapshot());
        ConfirmedCancellation.Result r = new ConfirmedCancellation(new ExecutionCancellation(db), real(fx.env))
                .cancel(id, "operator:cli", null);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm job reached terminal state completed before cancellation was confirmed");
        assertThat(ExecutionFixtures.status(db, id)).isEqualTo("awaiting_scheduler");
        assertThat(ExecutionFixtures.events(db, id, "execution.cancelled")).isZero();
    }

    @Test
    void missingCredentialsAreUnconfirmedWithoutLeakingAnything() throws Exception {
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        Map<String, String> env = new HashMap<>(fx.env);
        env.remove("SLURM_SSH_PRIVATE_KEY_PATH_FAKE_NODE");
        ExternalCancel.Outcome c = real(env).cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, job));
        assertThat(c.confirmed()).isFalse();
        assertThat(c.reason()).startsWith("slurm cancel could not be attempted: ").contains("no Slurm SSH private key");
        assertThat(fx.node.commands()).doesNotContain("scancel -- " + job);
    }

    @Test
    void thePrivateKeyNeverAppearsInTheOutcome() throws Exception {
        String key = Files.readString(Path.of(fx.env.get("SLURM_SSH_PRIVATE_KEY_PATH_FAKE_NODE")));
        String secretLine = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        Map<String, String> env = new HashMap<>(fx.env);
        env.remove("SLURM_SSH_PRIVATE_KEY_PATH_FAKE_NODE");
        env.put("SLURM_SSH_PRIVATE_KEY_FAKE_NODE", key);
        env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FAKE_NODE", "planted-passphrase-123");
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        // a passphrase for an unencrypted key, then an unreachable port: both paths must stay free of secrets
        for (JsonObject snap : new JsonObject[]{snapshot(), new JsonObject(fx.profileDocument(o -> o.put("ssh_port", 1)).toString())}) {
            db.sql().update("UPDATE batch_execution_record SET deployment_profile_snapshot = $2 WHERE uuid = $1", id, snap);
            ExternalCancel.Outcome c = real(env).cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, job));
            String all = String.valueOf(c.reason()) + c.request().encode();
            assertThat(all).doesNotContain(secretLine).doesNotContain("planted-passphrase-123").doesNotContain("PRIVATE KEY");
        }
    }

    static void intent(UUID id, String targetFingerprint, String observedAt) {
        db.sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, payload, "
                        + "observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, $4)",
                Uuid7.next(), id, new JsonObject().put("backend", "slurm").put("target_fingerprint", targetFingerprint),
                java.time.OffsetDateTime.parse(observedAt));
    }

    static String fingerprintFor(String remoteUser) {
        return new SshTarget(fx.node.host(), fx.node.port(), remoteUser, FakeNodeFixture.SLOT).fingerprint();
    }

    @Test
    void aTargetThatChangedSinceTheIntentIsRefusedWithoutSsh() throws Exception {
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        // submitted as another remote user; the latest intent is the one compared
        intent(id, fingerprintFor("beampipe"), "2026-01-01T00:00:00Z");
        intent(id, fingerprintFor("someone-else"), "2026-01-02T00:00:00Z");
        int commandsBefore = fx.node.commands().size();
        ConfirmedCancellation.Result r = new ConfirmedCancellation(new ExecutionCancellation(db), real(fx.env))
                .cancel(id, "operator:cli", null);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).startsWith("submission_target_identity_changed: the job was submitted to the target with "
                + "fingerprint " + fingerprintFor("someone-else") + ", but the pinned profile now resolves to beampipe@127.0.0.1:"
                + fx.node.port() + " (fingerprint " + fingerprintFor("beampipe") + ")");
        assertThat(fx.node.commands()).hasSize(commandsBefore);
        assertThat(ExecutionFixtures.status(db, id)).isEqualTo("awaiting_scheduler");
        assertThat(ExecutionFixtures.events(db, id, "execution.cancelled")).isZero();
    }

    @Test
    void theTargetOfTheIntentIsCancelledThrough() throws Exception {
        String job = pendingJob();
        UUID id = slurmExecution(job, snapshot());
        intent(id, fingerprintFor("someone-else"), "2026-01-01T00:00:00Z");
        intent(id, fingerprintFor("beampipe"), "2026-01-02T00:00:00Z");
        ExternalCancel.Outcome c = real(fx.env).cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, job));
        assertThat(c.confirmed()).as(c.reason()).isTrue();
        assertThat(fx.node.commands()).contains("scancel -- " + job);
    }

    @Test
    void aPinnedRestProfileCannotCancelASlurmJob() {
        UUID id = slurmExecution("77", new JsonObject().put("name", "d").put("translation", new JsonObject())
                .put("deployment", new JsonObject().put("kind", "rest_remote").put("deploy_host", "dim")));
        ExternalCancel.Outcome c = real(fx.env).cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, "77"));
        assertThat(c.confirmed()).isFalse();
        assertThat(c.reason()).startsWith("invalid_deployment_profile_kind");
    }
}
