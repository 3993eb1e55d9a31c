package dev.beampipe.worker.slurm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import dev.beampipe.model.testing.RealSlurm;
import dev.beampipe.model.testing.RequiresRealSlurm;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slurm scenarios against the real one-node Slurm 22.05 cluster ({@code scripts/slurm-cluster/start.sh}, env
 * {@code BEAMPIPE_TEST_SLURM_ENV}): real {@code sbatch}/{@code squeue}/{@code sacct}/{@code scancel} through the
 * cluster's sshd, the fake DALiuGE as the login node's software. The four executions run concurrently (the
 * TIMEOUT one bounds the time: a 1-minute wall time); their fates come from each profile's {@code slurm_template}
 * ({@code BEAMPIPE_FAKE_DLG_EXIT}, {@code BEAMPIPE_FAKE_DLG_RUN_SECONDS} for the fake {@code start_dlg_cluster}).
 */
@RequiresRealSlurm
class RealSlurmExecutionScenariosTest {
    static final String SLOT = "real-cluster";
    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    static TestDatabase testDb;
    static Database db;
    static DaliugeSimulator sim;
    static RealSlurm cluster;
    static Map<String, String> env;
    static SshConnector connector;
    static SshSessionPool pool;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        db = testDb.db();
        sim = DaliugeSimulator.start(0);
        cluster = RealSlurm.fromEnvironment().orElseThrow();
        env = new LinkedHashMap<>(cluster.workerEnv(SLOT));
        env.put("BEAMPIPE_USE_REAL_BACKENDS", "true");
        connector = new SshConnector(SshTimeouts.defaults());
        pool = new SshSessionPool(connector, Duration.ofSeconds(300));
    }

    @AfterAll
    static void stop() {
        pool.close();
        connector.close();
        sim.close();
        testDb.close();
    }

    /** The cluster's profile with a template exporting {@code jobEnv} to the fake start_dlg_cluster. */
    static SlurmRemoteDeployment deployment(String name, String jobEnv, Long wallMinutes) {
        ObjectNode doc = cluster.profileJson(name, SLOT);
        ObjectNode d = (ObjectNode) doc.get("deployment");
        if (jobEnv != null) {
            d.put("slurm_template", "#!/bin/bash --login\n#SBATCH --nodes=$NUM_NODES\n#SBATCH --job-name=DALiuGE-$SESSION_ID\n"
                    + "#SBATCH --time=$JOB_DURATION\n" + jobEnv + "\n");
        }
        if (wallMinutes != null) {
            ((ObjectNode) d.get("resources")).put("wall_time_minutes", wallMinutes);
        }
        ((ObjectNode) doc.get("translation")).put("tm_url", sim.tmBase().toString());
        return (SlurmRemoteDeployment) ProfileBinder.bind(doc).deployment();
    }

    @Test
    void completedFailedTimeoutAndCancelAgainstRealSlurm() throws Exception {
        SlurmExecutionScenarios completed = new SlurmExecutionScenarios(db, sim,
                deployment("real-ok", null, null), env, connector, pool);
        SlurmExecutionScenarios failing = new SlurmExecutionScenarios(db, sim,
                deployment("real-fail", "export BEAMPIPE_FAKE_DLG_EXIT=3", null), env, connector, pool);
        SlurmExecutionScenarios overrunning = new SlurmExecutionScenarios(db, sim,
                deployment("real-timeout", "export BEAMPIPE_FAKE_DLG_RUN_SECONDS=300", 1L), env, connector, pool);
        SlurmExecutionScenarios cancelled = new SlurmExecutionScenarios(db, sim,
                deployment("real-cancel", "export BEAMPIPE_FAKE_DLG_RUN_SECONDS=600", null), env, connector, pool);

        SlurmExecutionScenarios.Run ok = completed.submit("RC");
        SlurmExecutionScenarios.Run fail = failing.submit("RF");
        SlurmExecutionScenarios.Run timeout = overrunning.submit("RT");
        SlurmExecutionScenarios.Run cancel = cancelled.submit("RX");
        // an independent view (the OpenSSH client): Slurm knows the job by the execution's session id
        assertThat(cluster.openSsh().run("squeue -h -t all --name=" + ok.sessionId() + " -o %i", Duration.ofSeconds(30))
                .stdout().strip()).isEqualTo(ok.jobId());

        boolean cancelRequested = false;
        long until = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < until) {
            completed.tick();
            if (!cancelRequested && "running".equals(cancelled.row(cancel).getString("scheduler_state"))) {
                assertThat(cancelled.cancelConfirmed(cancel, new SlurmCancel()).cancelled()).isTrue();
                cancelRequested = true;
            }
            if (List.of(completed.row(ok), failing.row(fail), overrunning.row(timeout), cancelled.row(cancel)).stream()
                    .allMatch(r -> TERMINAL.contains(r.getString("status")))) {
                break;
            }
            Thread.sleep(3000);
        }
        completed.assertCompleted(ok);
        failing.assertFailed(fail, "FAILED", "failed");
        assertThat(failing.row(fail).getString("last_error")).contains("exit_code=3");
        overrunning.assertFailed(timeout, "TIMEOUT", "timed_out");
        JsonObject c = cancelled.row(cancel);
        assertThat(c.getString("status")).isEqualTo("cancelled");
        assertThat(c.getString("scheduler_state")).isEqualTo("cancelled");
    }
}
