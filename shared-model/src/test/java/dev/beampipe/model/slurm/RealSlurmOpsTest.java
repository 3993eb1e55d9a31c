package dev.beampipe.model.slurm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ops.SlurmNameLookup;
import dev.beampipe.model.slurm.ops.SlurmStatusQuery;
import dev.beampipe.model.slurm.ops.SlurmSubmission;
import dev.beampipe.model.slurm.ops.SlurmSubmitter;
import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import dev.beampipe.model.testing.RealSlurm;
import dev.beampipe.model.testing.RequiresRealSlurm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slurm operations (submit over MINA SSH, status query, cancel with confirmation, name lookup) against the real
 * one-node cluster: real sbatch/squeue/sacct/scancel text and real COMPLETED, FAILED and CANCELLED transitions of
 * jobs written by the fake DALiuGE's create_dlg_job and run by slurmd (issue 7 acceptance 1 at the protocol level).
 * TIMEOUT needs a minute of wall time; the worker's end-to-end RealSlurmExecutionScenariosTest covers it, and
 * {@code scripts/slurm-cluster/smoke.sh --timeout} by hand.
 */
@RequiresRealSlurm
class RealSlurmOpsTest {
    static final String SLOT = "real-slurm";
    static final ObjectMapper JSON = new ObjectMapper();

    static RealSlurm cluster;
    static SshConnector connector;
    static SshCredentials creds;
    static Map<String, String> env;
    static Instant startedAt;
    static Submitted completed;
    static Submitted failed;
    static Submitted cancelled;

    record Submitted(String sid, SlurmRemoteDeployment profile, SlurmSubmission submission) {
        String jobId() {
            return submission.jobId();
        }
    }

    @BeforeAll
    static void submitTheJobs() throws Exception {
        cluster = RealSlurm.fromEnvironment().orElseThrow();
        Path noSlots = Files.createTempDirectory("no-credential-slots");
        env = new HashMap<>(cluster.workerEnv(SLOT));
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", noSlots.toString());
        creds = new SshCredentialResolver(env).resolve(SLOT);
        connector = new SshConnector(SshTimeouts.defaults());
        startedAt = Instant.now();
        completed = submit(profile(5, null));
        failed = submit(profile(5, template("export BEAMPIPE_FAKE_DLG_EXIT=3")));
        cancelled = submit(profile(5, template("export BEAMPIPE_FAKE_DLG_RUN_SECONDS=600")));
    }

    @AfterAll
    static void close() throws InterruptedException {
        if (connector != null) {
            for (Submitted s : new Submitted[]{completed, failed, cancelled}) {
                if (s != null) {
                    cluster.openSsh().run("scancel -- " + s.jobId(), Duration.ofSeconds(30));
                }
            }
            connector.close();
        }
    }

    @Test
    void aJobThatRunsTheFakeDaliugeEndsCompletedWithItsLogInTheSessionDir() throws Exception {
        JobObservation last = awaitTerminal(completed, Duration.ofSeconds(90));

        assertThat(last.state()).as(last.toString()).isEqualTo(SlurmState.COMPLETED);
        assertThat(last.exitCode()).isZero();
        assertThat(last.source()).isEqualTo(JobObservation.SACCT);
        String log = cluster.openSsh().ok("cat " + completed.submission().sessionDir() + "/logs/dlg.log", Duration.ofSeconds(30));
        assertThat(log).contains("fake DALiuGE session").contains("finished, exit 0");
        assertThat(completed.submission().compositeId())
                .isEqualTo(completed.sid() + ":" + completed.jobId() + "|" + completed.submission().sessionDir());
    }

    @Test
    void aJobWhoseDaliugeStepExitsThreeEndsFailed() throws Exception {
        JobObservation last = awaitTerminal(failed, Duration.ofSeconds(90));

        assertThat(last.state()).as(last.toString()).isEqualTo(SlurmState.FAILED);
        assertThat(last.exitCode()).isEqualTo(3);
        assertThat(last.rawLine()).startsWith(failed.jobId() + "|FAILED|3:0");
    }

    @Test
    void cancelIsConfirmedAndSacctNamesTheCanceller() throws Exception {
        awaitState(cancelled, SlurmState.RUNNING, Duration.ofSeconds(60));

        SlurmCancel.CancelResult result = new SlurmCancel().cancel(connector, target(cancelled.profile()), creds, cancelled.jobId());

        assertThat(result.cancelled()).as(result.reason()).isTrue();
        assertThat(result.last().state()).isEqualTo(SlurmState.CANCELLED);
        JobObservation last = awaitTerminal(cancelled, Duration.ofSeconds(60));
        assertThat(last.rawState()).isEqualTo("CANCELLED by 0");
    }

    @Test
    void theNameLookupFindsExactlyTheSubmittedJob() throws Exception {
        try (RemoteShell shell = connector.open(target(completed.profile()), creds)) {
            SlurmNameLookup.LookupResult found = new SlurmNameLookup().lookup(shell, completed.sid(), startedAt);
            SlurmNameLookup.LookupResult none = new SlurmNameLookup().lookup(shell, "never-submitted-" + UUID.randomUUID(), startedAt);

            assertThat(found.outcome()).as(found.toString()).isEqualTo("exact");
            assertThat(found.matchedJobIds()).containsExactly(completed.jobId());
            assertThat(none.outcome()).as(none.toString()).isEqualTo("not_found");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A slurm_template: the #SBATCH lines plus {@code line}; create_dlg_job appends the start_dlg_cluster command. */
    static String template(String line) {
        return String.join("\n", "#!/bin/bash --login",
                "#SBATCH --nodes=1",
                "#SBATCH --ntasks-per-node=1",
                "#SBATCH --cpus-per-task=1",
                "#SBATCH --output=$dlg_root/workspace/$session_id/slurm-%j.out",
                line, "");
    }

    static SlurmRemoteDeployment profile(int wallMinutes, String template) {
        ObjectNode doc = cluster.profileJson("real-slurm-ops", SLOT);
        ObjectNode d = (ObjectNode) doc.get("deployment");
        d.put("job_duration_minutes", wallMinutes);
        if (template != null) {
            d.put("slurm_template", template);
        }
        return (SlurmRemoteDeployment) ProfileBinder.bind(doc).deployment();
    }

    static Submitted submit(SlurmRemoteDeployment d) throws Exception {
        String sid = "rso-" + UUID.randomUUID();
        ArrayNode pgt = JSON.createArrayNode().add("beampipe_pgt.graph");
        pgt.addArray().addObject().put("oid", "a").put("categoryType", "Application");
        SlurmSubmission s = new SlurmSubmitter(connector, env).submit(UUID.randomUUID(), sid, pgt, d, target(d), creds,
                System.nanoTime() + Duration.ofSeconds(120).toNanos());
        assertThat(s.jobId()).matches("[0-9]+");
        return new Submitted(sid, d, s);
    }

    static SshTarget target(SlurmRemoteDeployment d) {
        return SshTarget.of(d, env);
    }

    static JobObservation awaitTerminal(Submitted s, Duration limit) throws Exception {
        return await(s, o -> o.state().terminal(), limit);
    }

    static JobObservation awaitState(Submitted s, SlurmState state, Duration limit) throws Exception {
        return await(s, o -> o.state() == state, limit);
    }

    static JobObservation await(Submitted s, java.util.function.Predicate<JobObservation> done, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        JobObservation last = null;
        try (RemoteShell shell = connector.open(target(s.profile()), creds)) {
            while (System.nanoTime() < end) {
                last = new SlurmStatusQuery().query(shell, List.of(s.jobId())).get(s.jobId());
                if (done.test(last)) {
                    return last;
                }
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("job " + s.jobId() + " (" + s.sid() + ") did not get there within " + limit + "; last " + last);
    }
}
