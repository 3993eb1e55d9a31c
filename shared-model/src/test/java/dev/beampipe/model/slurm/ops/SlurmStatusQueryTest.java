package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.simulators.slurm.JobFate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** §4.8 against the fake login node: a real MINA client, a real bash, the fake Slurm's real-format output. */
class SlurmStatusQueryTest {
    @RegisterExtension
    static final FakeNodeExtension fake = new FakeNodeExtension();
    final SlurmStatusQuery query = new SlurmStatusQuery();

    static String name() {
        return "st-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @CsvSource({
            "COMPLETED,0,COMPLETED,COMPLETED,0",
            "FAILED,3,FAILED,FAILED,3",
            "TIMEOUT,0,TIMEOUT,TIMEOUT,0",
            "OUT_OF_MEMORY,0,FAILED,OUT_OF_MEMORY,0",
            "NODE_FAIL,0,FAILED,NODE_FAIL,",
            "PREEMPTED,0,FAILED,PREEMPTED,",
            "CANCELLED,0,CANCELLED,CANCELLED,",
    })
    void finishedJobsAreResolvedThroughSacct(String end, int exit, SlurmState state, String rawState, Integer exitCode)
            throws Exception {
        JobFate fate = JobFate.completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(1)).endingIn(end);
        fake.node().scenario().nextJob(end.equals("FAILED") ? fate.failingWith(exit) : fate);
        String id = fake.sbatch(name());
        fake.node().scenario().advance(Duration.ofSeconds(30));
        JobObservation o = query.query(fake.shell(), List.of(id)).get(id);
        assertThat(o.source()).isEqualTo("sacct");
        assertThat(o.state()).isEqualTo(state);
        assertThat(o.rawState()).startsWith(rawState);
        assertThat(o.reason()).isNull();
        if (exitCode != null) {
            assertThat(o.exitCode()).isEqualTo(exitCode);
        }
        assertThat(o.state().terminal()).isTrue();
    }

    @Test
    void liveJobsComeFromSqueueWithTheReasonUnwrapped() throws Exception {
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Priority");
        String pending = fake.sbatch(name());
        Map<String, JobObservation> r = query.query(fake.shell(), List.of(pending, "999999"));
        assertThat(r.get(pending)).extracting(JobObservation::source, JobObservation::state, JobObservation::reason)
                .containsExactly("squeue", SlurmState.PENDING, "Priority");
        assertThat(r.get(pending).rawLine()).isEqualTo("PENDING|(Priority)");
        assertThat(r.get("999999")).isEqualTo(JobObservation.unseen("999999"));
        assertThat(fake.node().commands()).anyMatch(c -> c.equals("squeue -h --jobs=" + pending + ",999999 -o '%i|%T|%R'"));
    }

    @Test
    void onlyUnknownIdsAreToleratedAsUnknown() throws Exception {
        assertThat(query.query(fake.shell(), List.of("999998")).get("999998").state()).isEqualTo(SlurmState.UNKNOWN);
    }

    @Test
    void aControllerOutageIsAnError() {
        fake.node().scenario().squeueControllerDown(1);
        assertThatThrownBy(() -> query.query(fake.shell(), List.of("1"))).isInstanceOf(SlurmCommandException.class)
                .hasMessageContaining("Unable to contact slurm controller");
    }

    @Test
    void disabledAccountingIsAnErrorWhenSacctIsNeeded() throws Exception {
        fake.node().scenario().accountingDisabled(true);
        try {
            assertThatThrownBy(() -> query.query(fake.shell(), List.of("999997"))).isInstanceOf(SlurmCommandException.class)
                    .hasMessageContaining("Slurm accounting storage is disabled");
        } finally {
            fake.node().scenario().accountingDisabled(false);
        }
    }

    @Test
    void moreThan50IdsAreQueriedInChunks() throws Exception {
        List<String> ids = java.util.stream.IntStream.rangeClosed(900001, 900060).mapToObj(Integer::toString).toList();
        Map<String, JobObservation> r = query.query(fake.shell(), ids);
        assertThat(r).hasSize(60).allSatisfy((id, o) -> assertThat(o.source()).isEqualTo("none"));
        assertThat(fake.node().commands().stream().filter(c -> c.startsWith("squeue ") && c.contains("9000")))
                .containsExactly("squeue -h --jobs=" + String.join(",", ids.subList(0, 50)) + " -o '%i|%T|%R'",
                        "squeue -h --jobs=" + String.join(",", ids.subList(50, 60)) + " -o '%i|%T|%R'");
    }

    @Test
    void theWallClockLimitCutsOffASlowCommand() {
        fake.node().scenario().slowCommand("^squeue -h --jobs=999996 ", Duration.ofSeconds(20));
        SshFailure failure = catchThrowableOfType(
                () -> new SlurmStatusQuery(Duration.ofSeconds(2)).query(fake.shell(), List.of("999996")), SshFailure.class);
        assertThat(failure).as("a 20 s squeue must not fit a 2 s limit").isNotNull();
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.TIMEOUT);
        assertThat(failure.getMessage()).startsWith("slurm status query timed out after 2s: remote command timed out");
    }
}
