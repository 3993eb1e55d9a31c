package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.simulators.slurm.JobFate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** §4.8 against the fake login node: a real MINA client, a real bash, the fake Slurm's real-format output. */
class SlurmStatusQueryTest {
    @TempDir
    static Path dir;
    static FakeNodeFixture fx;
    static RemoteShell shell;
    final SlurmStatusQuery query = new SlurmStatusQuery();

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
        fx.node.scenario().nextJob(end.equals("FAILED") ? fate.failingWith(exit) : fate);
        String id = fx.sbatch(shell, name());
        fx.node.scenario().advance(Duration.ofSeconds(30));
        JobObservation o = query.query(shell, List.of(id)).get(id);
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
        fx.node.scenario().pendingFor(Duration.ofHours(1), "Priority");
        String pending = fx.sbatch(shell, name());
        Map<String, JobObservation> r = query.query(shell, List.of(pending, "999999"));
        assertThat(r.get(pending)).extracting(JobObservation::source, JobObservation::state, JobObservation::reason)
                .containsExactly("squeue", SlurmState.PENDING, "Priority");
        assertThat(r.get(pending).rawLine()).isEqualTo("PENDING|(Priority)");
        assertThat(r.get("999999")).isEqualTo(JobObservation.unseen("999999"));
        assertThat(fx.node.commands()).anyMatch(c -> c.equals("squeue -h --jobs=" + pending + ",999999 -o '%i|%T|%R'"));
    }

    @Test
    void onlyUnknownIdsAreToleratedAsUnknown() throws Exception {
        assertThat(query.query(shell, List.of("999998")).get("999998").state()).isEqualTo(SlurmState.UNKNOWN);
    }

    @Test
    void aControllerOutageIsAnError() {
        fx.node.scenario().squeueControllerDown(1);
        assertThatThrownBy(() -> query.query(shell, List.of("1"))).isInstanceOf(SlurmCommandException.class)
                .hasMessageContaining("Unable to contact slurm controller");
    }

    @Test
    void disabledAccountingIsAnErrorWhenSacctIsNeeded() throws Exception {
        fx.node.scenario().accountingDisabled(true);
        try {
            assertThatThrownBy(() -> query.query(shell, List.of("999997"))).isInstanceOf(SlurmCommandException.class)
                    .hasMessageContaining("Slurm accounting storage is disabled");
        } finally {
            fx.node.scenario().accountingDisabled(false);
        }
    }

    @Test
    void moreThan50IdsAreQueriedInChunks() throws Exception {
        List<String> ids = java.util.stream.IntStream.rangeClosed(900001, 900060).mapToObj(Integer::toString).toList();
        Map<String, JobObservation> r = query.query(shell, ids);
        assertThat(r).hasSize(60).allSatisfy((id, o) -> assertThat(o.source()).isEqualTo("none"));
        assertThat(fx.node.commands().stream().filter(c -> c.startsWith("squeue ") && c.contains("9000")))
                .containsExactly("squeue -h --jobs=" + String.join(",", ids.subList(0, 50)) + " -o '%i|%T|%R'",
                        "squeue -h --jobs=" + String.join(",", ids.subList(50, 60)) + " -o '%i|%T|%R'");
    }

    @Test
    void theWallClockLimitCutsOffASlowCommand() {
        fx.node.scenario().slowCommand("^squeue -h --jobs=999996 ", Duration.ofSeconds(20));
        SshFailure failure = catchThrowableOfType(
                () -> new SlurmStatusQuery(Duration.ofSeconds(2)).query(shell, List.of("999996")), SshFailure.class);
        assertThat(failure).as("a 20 s squeue must not fit a 2 s limit").isNotNull();
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.TIMEOUT);
        assertThat(failure.getMessage()).startsWith("slurm status query timed out after 2s: remote command timed out");
    }
}
