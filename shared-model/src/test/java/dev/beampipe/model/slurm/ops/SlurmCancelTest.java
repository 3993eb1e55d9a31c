package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.slurm.ssh.SshTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** §4.11 against the fake login node. */
class SlurmCancelTest {
    @RegisterExtension
    static final FakeNodeExtension fake = new FakeNodeExtension();
    final SlurmCancel cancel = new SlurmCancel(Duration.ofMillis(50), 11, Duration.ofSeconds(45), Duration.ofSeconds(60));

    static String name() {
        return "cx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPendingJobIsConfirmedCancelledByObservation() throws Exception {
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Resources");
        String id = fake.sbatch(name());
        SlurmCancel.CancelResult r = cancel.cancel(fake.shell(), id);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.reason()).isEqualTo("confirmed");
        assertThat(r.last().state()).isEqualTo(SlurmState.CANCELLED);
        assertThat(fake.node().commands()).contains("scancel -- " + id);
    }

    @Test
    void aRunningJobThroughAFreshSession() throws Exception {
        fake.node().scenario().completeAfter(Duration.ZERO, Duration.ofHours(1));
        String id = fake.sbatch(name());
        fake.node().scenario().advance(Duration.ofSeconds(5));
        SlurmCancel.CancelResult r = cancel.cancel(fake.fx().connector, fake.fx().target, fake.fx().creds, id);
        assertThat(r.cancelled()).isTrue();
    }

    @Test
    void aFinishedJobIsNotConfirmed() throws Exception {
        fake.node().scenario().completeAfter(Duration.ZERO, Duration.ofSeconds(1));
        String id = fake.sbatch(name());
        fake.node().scenario().advance(Duration.ofSeconds(30));
        SlurmCancel.CancelResult r = cancel.cancel(fake.shell(), id);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm job reached terminal state completed before cancellation was confirmed");
    }

    @Test
    void aJobNoOneKnowsRemainsUnconfirmedAfterTheBudget() throws Exception {
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(10), 3, Duration.ofSeconds(45), Duration.ofSeconds(60))
                .cancel(fake.shell(), "999991");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999991 remained unconfirmed after 3 polls; last status was awaiting_scheduler");
        assertThat(fake.node().commands().stream().filter(c -> c.startsWith("squeue -h --jobs=999991 ")).count()).isEqualTo(3);
    }

    @Test
    void aJobNotCancelledWithinTheConfirmationWindowIsUnconfirmed() throws Exception {
        // polls every 200 ms with a budget of 1000 polls: only the 2 s window can end this
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(200), 1000, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .cancel(fake.shell(), "999992");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999992 was not confirmed within 2s; last status was awaiting_scheduler");
        assertThat(r.last().state()).isEqualTo(SlurmState.UNKNOWN);
        assertThat(fake.node().commands().stream().filter(c -> c.startsWith("squeue -h --jobs=999992 ")).count()).isBetween(2L, 999L);
    }

    @Test
    void aConfirmationQueryCutOffByTheWindowIsTheWindowRunningOut() throws Exception {
        fake.node().scenario().slowCommand("^squeue -h --jobs=999990 ", Duration.ofSeconds(20));
        SlurmCancel.CancelResult r = new SlurmCancel(Duration.ofMillis(50), 11, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .cancel(fake.shell(), "999990");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).isEqualTo("slurm cancellation of job 999990 was not confirmed within 2s; last status was unknown");
    }

    @Test
    void aFailingConfirmationPollIsAReason() throws Exception {
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Priority");
        String id = fake.sbatch(name());
        fake.node().scenario().squeueControllerDown(5);
        SlurmCancel.CancelResult r = cancel.cancel(fake.shell(), id);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).startsWith("slurm cancellation was accepted but confirmation polling failed: ")
                .contains("Unable to contact slurm controller");
    }

    @Test
    void missingOrInvalidIdsAndUnreachableNodes() throws Exception {
        assertThat(cancel.cancel(fake.shell(), null)).isEqualTo(new SlurmCancel.CancelResult(false, "no_scheduler_job_id", null));
        assertThat(cancel.cancel(fake.shell(), "12;reboot").reason()).contains("expected ASCII digits");
        SshTarget nowhere = new SshTarget("127.0.0.1", 1, "beampipe", FakeNodeFixture.SLOT);
        SlurmCancel.CancelResult r = cancel.cancel(fake.fx().connector, nowhere, fake.fx().creds, "5");
        assertThat(r.cancelled()).isFalse();
        assertThat(r.reason()).startsWith("slurm cancel could not reach beampipe@127.0.0.1:1: ");
    }
}
