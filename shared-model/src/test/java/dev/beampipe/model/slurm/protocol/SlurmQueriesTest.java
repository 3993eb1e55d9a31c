package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmQueriesTest {

    @Test
    void squeueFormatIsQuotedAndUsesTheJobsForm() {
        assertThat(SlurmQueries.squeueByIds(List.of("7", "1008")))
                .containsExactly("squeue -h --jobs=7,1008 -o '%i|%T|%R'");
    }

    @ParameterizedTest
    @CsvSource({"1,1", "50,1", "51,2", "100,2", "101,3"})
    void squeueIsChunkedBy50(int ids, int commands) {
        List<String> all = IntStream.rangeClosed(1, ids).mapToObj(Integer::toString).toList();
        List<String> cmds = SlurmQueries.squeueByIds(all);
        assertThat(cmds).hasSize(commands);
        assertThat(cmds.get(0)).startsWith("squeue -h --jobs=1");
        int listed = 0;
        for (String c : cmds) {
            int n = c.substring("squeue -h --jobs=".length(), c.indexOf(" -o ")).split(",").length;
            assertThat(n).isLessThanOrEqualTo(50);
            listed += n;
        }
        assertThat(listed).isEqualTo(ids);
    }

    @Test
    void sacctAndScancelExactText() {
        assertThat(SlurmQueries.sacctByIds(List.of("7", "8"))).isEqualTo("sacct -j 7,8 --format=JobID,State,ExitCode -P -n");
        assertThat(SlurmQueries.scancel("123")).isEqualTo("scancel -- 123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a", "-1", "1 2", "1;rm -rf /", "１２", "7.batch"})
    void jobIdsMustBeAsciiDigits(String id) {
        assertThatThrownBy(() -> SlurmQueries.scancel(id)).isInstanceOf(InvalidJobIdException.class)
                .hasMessageContaining("expected ASCII digits");
        assertThatThrownBy(() -> SlurmQueries.squeueByIds(List.of("1", id))).isInstanceOf(InvalidJobIdException.class);
        assertThatThrownBy(() -> SlurmQueries.sacctByIds(List.of(id))).isInstanceOf(InvalidJobIdException.class);
    }

    @Test
    void nameLookupCommandsAreTheSpecsTextWithTheStartTimeInUtcSeconds() {
        assertThat(SlurmQueries.squeueByName("sess_2026-01-02T03-04-05"))
                .isEqualTo("squeue -h --name='sess_2026-01-02T03-04-05' -o '%i|%j|%T|%R'");
        assertThat(SlurmQueries.sacctByName("s-1", Instant.parse("2026-03-04T05:06:07.891Z")))
                .isEqualTo("TZ=UTC sacct -n -X --name='s-1' --starttime='2026-03-04T05:06:07' -o 'JobIDRaw,JobName,State,Reason' -P");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x'y", "a/b", "a:b"})
    void jobNamesAreValidated(String sid) {
        assertThatThrownBy(() -> SlurmQueries.squeueByName(sid)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlurmQueries.sacctByName(sid, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jobNamesUpTo128Characters() {
        assertThat(SlurmQueries.validJobName("a".repeat(128))).isTrue();
        assertThat(SlurmQueries.validJobName("a".repeat(129))).isFalse();
    }

    @Test
    void operatorQueries() {
        assertThat(SlurmQueries.queue()).isEqualTo("squeue -h -u \"$USER\" -o '%T|%P'");
        assertThat(SlurmQueries.capacity()).isEqualTo("sinfo -h -o '%P|%D|%t'");
        assertThat(SlurmQueries.connectivityProbe()).contains("sbatch squeue sacct scancel scontrol");
    }
}
