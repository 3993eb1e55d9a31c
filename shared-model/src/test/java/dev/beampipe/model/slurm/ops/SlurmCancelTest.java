package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** §4.11 against the fake login node. */
class SlurmCancelTest {
    @TempDir
    static Path dir;
    static FakeNodeFixture fx;
    static RemoteShell shell;
    final SlurmCancel cancel = new SlurmCancel(Duration.ofMillis(50), 11, Duration.ofSeconds(45), Duration.ofSeconds(60));

    @BeforeAll
    static void start() throws Exception {
        fx = new FakeNodeFixture(dir);
        shell = fx.open();
    }

    @AfterAll
    static void stop() {
        shell.close();
        fx.close();
    }

    @AfterEach
    void clear() {
        fx.node.scenario().clearFaults();
    }

    static String name() {
        return "cx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPendingJobIsConfirmedCancelledByObservation() throws Exception {
        fx.node.scenario().pendingFor(Duration.ofHours(1), "Resources");
        String id = fx.sbatch(shell, name());
        SlurmCancel.CancelResult r = cancel.cancel(shell, id);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.reason()).isEqualTo("confirmed");
        assertThat(r.last().state()).isEqualTo(SlurmState.CANCELLED);
        assertThat(fx.node.commands()).contains("scancel -- " + id);
    }

    @Test
    void aRunningJobThroughAFreshSession() throws Exception {
        fx.node.scenario().completeAfter(Duration.ZERO, Duration.ofHours(1));
        String id = fx.sbatch(shell, name());
        fx.node.scenario().advance(Duration.ofSeconds(5));
        SlurmCancel.CancelResult r = cancel.cancel(fx.connector, fx.target, fx.creds, id);
        assertThat(r.cancelled()).isTrue();
    }

    @Test
    void aFinishedJobIsNotConfirmed() throws Exception {
        fx.node.scenario().completeAfter(Duration.ZERO, Duration.ofSeconds(1));
        String id = fx.sbatch(shell, name());
        fx.node.scenario().advance(Duration.ofSeconds(30));
        SlurmCancel.CancelResult r = cancel.cancel(shell, id);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm job reached terminal state completed before cancellation was confirmed");
    }

    @Test
    void aJobNoOneKnowsRemainsUnconfirmedAfterTheBudget() throws Exception {
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(10), 3, Duration.ofSeconds(45), Duration.ofSeconds(60))
                .cancel(shell, "999991");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999991 remained unconfirmed after 3 polls; last status was awaiting_scheduler");
        assertThat(fx.node.commands().stream().filter(c -> c.startsWith("squeue -h --jobs=999991 ")).count()).isEqualTo(3);
    }

    @Test
    void aJobNotCancelledWithinTheConfirmationWindowIsUnconfirmed() throws Exception {
        // polls every 200 ms with a budget of 1000 polls: only the 2 s window can end this
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(200), 1000, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .cancel(shell, "999992");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999992 was not confirmed within 2s; last status was awaiting_scheduler");
        assertThat(r.last().state()).isEqualTo(SlurmState.UNKNOWN);
        assertThat(fx.node.commands().stream().filter(c -> c.startsWith("squeue -h --jobs=999992 ")).count()).isBetween(2L, 999L);
    }

    @Test
    void aConfirmationQueryCutOffByTheWindowIsTheWindowRunningOut() throws Exception {
        fx.node.scenario().slowCommand("^squeue -h --jobs=999990 ", Duration.ofSeconds(20));
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(50), 11, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .cancel(shell, "999990");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999990 was not confirmed within 2s; last status was unknown");
    }

    @Test
    void aFailingConfirmationPollIsAReason() throws Exception {
        fx.node.scenario().pendingFor(Duration.ofHours(1), "Priority");
        String id = fx.sbatch(shell, name());
        fx.node.scenario().squeueControllerDown(5);
        SlurmCancel.CancelResult r = cancel.cancel(shell, id);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).startsWith("slurm cancellation was accepted but confirmation polling failed: ")
                .contains("Unable to contact slurm controller");
    }

    @Test
    void missingOrInvalidIdsAndUnreachableNodes() throws Exception {
        assertThat(cancel.cancel(shell, null)).isEqualTo(new SlurmCancel.CancelResult(false, "no_scheduler_job_id", null));
        assertThat(cancel.cancel(shell, "12;reboot").reason()).contains("expected ASCII digits");
        SshTarget nowhere = new SshTarget("127.0.0.1", 1, "beampipe", FakeNodeFixture.SLOT);
        SlurmCancel.CancelResult r = cancel.cancel(fx.connector, nowhere, fx.creds, "5");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).startsWith("slurm cancel could not reach beampipe@127.0.0.1:1: ");
    }
}
