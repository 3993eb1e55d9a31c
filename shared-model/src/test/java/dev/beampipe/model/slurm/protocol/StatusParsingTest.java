package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusParsingTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "0;\"\";true",
            "1;slurm_load_jobs error: Invalid job id specified;true",
            "1;slurm_load_jobs error: INVALID JOB ID SPECIFIED  ;true",
            "1;\"slurm_load_jobs error: Invalid job id specified\n\nslurm_load_jobs error: Invalid job id specified\";true",
            "1;\"\";false",
            "1;\"   \";false",
            "1;slurm_load_jobs error: Unable to contact slurm controller (connect failure);false",
            "127;bash: %T: command not found;false",
            "1;\"slurm_load_jobs error: Invalid job id specified\nsomething else\";false",
    })
    void squeueToleranceRule(int exit, String stderr, boolean tolerated) {
        assertThat(StatusParsing.squeueErrorTolerated(exit, stderr)).isEqualTo(tolerated);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            // line; id; state; rawState; rawLine; reason
            "10|PENDING|(None);10;PENDING;PENDING;PENDING|(None);",
            "11|PENDING|(Resources);11;PENDING;PENDING;PENDING|(Resources);Resources",
            "12|PENDING|(AssocGrpCpuLimit);12;PENDING;PENDING;PENDING|(AssocGrpCpuLimit);AssocGrpCpuLimit",
            "13|RUNNING|localhost;13;RUNNING;RUNNING;RUNNING|localhost;localhost",
            " 14 | COMPLETING | node1 |extra;14;RUNNING;COMPLETING;COMPLETING|node1;node1",
            "15|TIMEOUT;15;TIMEOUT;TIMEOUT;TIMEOUT;",
            "16|PENDING|;16;PENDING;PENDING;PENDING|;",
    })
    void squeueRows(String line, String id, SlurmState state, String rawState, String rawLine, String reason) {
        JobObservation o = StatusParsing.parseSqueue(line + "\n").get(id);
        assertThat(o).isEqualTo(new JobObservation(id, state, rawState, "squeue", rawLine, null, reason));
    }

    @Test
    void squeueSkipsBlankAndStatelessLines() {
        assertThat(StatusParsing.parseSqueue("\n  \njunk\n10|RUNNING|n1\n")).containsOnlyKeys("10");
    }

    /** Rows seen on real Slurm 22.05.8 (40-backends §4.13). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "\"7|FAILED|3:0\n7.batch|FAILED|3:0\";7;FAILED;FAILED;7|FAILED|3:0;3",
            "\"8|CANCELLED by 0|0:0\n8.batch|CANCELLED|0:15\";8;CANCELLED;CANCELLED by 0;8|CANCELLED by 0|0:0;0",
            "\"9|TIMEOUT|0:0\n9.batch|CANCELLED|0:15\";9;TIMEOUT;TIMEOUT;9|TIMEOUT|0:0;0",
            "\"6|RUNNING|0:0\n6.batch|RUNNING|0:0\";6;RUNNING;RUNNING;6|RUNNING|0:0;0",
            "8|PENDING|0:0;8;PENDING;PENDING;8|PENDING|0:0;0",
            "\"5|RUNNING|0:0\n5.batch|COMPLETED|0:0\";5;RUNNING;RUNNING;5|RUNNING|0:0;0",
            "\"4.batch|COMPLETED|0:0\n4.extern|FAILED|1:0\n4.0|RUNNING|0:0\";4;FAILED;FAILED;4.extern|FAILED|1:0;1",
            "\"3.batch|FAILED|2:0\n3.0|OUT_OF_MEMORY|0:125\";3;FAILED;FAILED;3.batch|FAILED|2:0;2",
            "21|OUT_OF_MEMORY|0:125;21;FAILED;OUT_OF_MEMORY;21|OUT_OF_MEMORY|0:125;0",
            "22|NODE_FAIL|1:0;22;FAILED;NODE_FAIL;22|NODE_FAIL|1:0;1",
            "23|PREEMPTED|0:0;23;FAILED;PREEMPTED;23|PREEMPTED|0:0;0",
            "24|COMPLETED|0:0;24;COMPLETED;COMPLETED;24|COMPLETED|0:0;0",
            "25|COMPLETED;25;COMPLETED;COMPLETED;25|COMPLETED;",
            "26|FAILED|x:y;26;FAILED;FAILED;26|FAILED|x:y;",
    })
    void sacctRowsAllocationWinsStepsByRank(String out, String id, SlurmState state, String rawState, String rawLine,
                                            Integer exit) {
        Map<String, JobObservation> parsed = StatusParsing.parseSacct(out.replace("\\n", "\n"));
        assertThat(parsed).containsOnlyKeys(id);
        assertThat(parsed.get(id)).isEqualTo(new JobObservation(id, state, rawState, "sacct", rawLine, exit, null));
    }

    @Test
    void resolvePrefersSqueueThenSacctThenNone() {
        Map<String, JobObservation> squeue = StatusParsing.parseSqueue("1|RUNNING|n1\n");
        Map<String, JobObservation> sacct = StatusParsing.parseSacct("1|COMPLETED|0:0\n2|FAILED|3:0\n");
        Map<String, JobObservation> r = StatusParsing.resolve(List.of("1", "2", "3"), squeue, sacct);
        assertThat(r.get("1").source()).isEqualTo("squeue");
        assertThat(r.get("2").source()).isEqualTo("sacct");
        assertThat(r.get("3")).isEqualTo(new JobObservation("3", SlurmState.UNKNOWN, "", "none", "", null, null));
    }
}
