package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;

class SlurmStateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "COMPLETED|COMPLETED",
            "PENDING|PENDING", "RESV_DEL_HOLD|PENDING", "REQUEUE_HOLD|PENDING", "SPECIAL_EXIT|PENDING", "STOPPED|PENDING",
            "SUSPENDED|PENDING",
            "RUNNING|RUNNING", "COMPLETING|RUNNING", "CONFIGURING|RUNNING", "EXPEDITING|RUNNING", "POWER_UP_NODE|RUNNING",
            "REQUEUED|RUNNING", "REQUEUE_FED|RUNNING", "RESIZING|RUNNING", "SIGNALING|RUNNING", "STAGE_OUT|RUNNING",
            "UPDATE_DB|RUNNING",
            "TIMEOUT|TIMEOUT",
            "CANCELLED|CANCELLED", "CANCELLED by 0|CANCELLED", "CANCELLED+|CANCELLED", "REVOKED|CANCELLED",
            "BOOT_FAIL|FAILED", "DEADLINE|FAILED", "FAILED|FAILED", "LAUNCH_FAILED|FAILED", "NODE_FAIL|FAILED",
            "OUT_OF_MEMORY|FAILED", "PREEMPTED|FAILED", "RECONFIG_FAIL|FAILED",
            "running|RUNNING", "  PENDING  |PENDING",
            "PENDING+REQUEUE_HOLD|PENDING", "RUNNING+FAILED|FAILED", "COMPLETED+BOGUS|COMPLETED",
            "BOGUS|UNKNOWN", "\"\"|UNKNOWN", "PD|UNKNOWN", "NOT_SUBMITTED|UNKNOWN",
    })
    void normalizeFollowsTheTable(String raw, SlurmState expected) {
        assertThat(SlurmState.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "UNKNOWN,0,unknown,awaiting_scheduler,false",
            "PENDING,1,pending,awaiting_scheduler,false",
            "RUNNING,2,running,running,false",
            "COMPLETED,3,succeeded,completed,true",
            "CANCELLED,4,cancelled,cancelled,true",
            "TIMEOUT,5,timed_out,failed,true",
            "FAILED,6,failed,failed,true",
    })
    void ranksAndMappings(SlurmState s, int rank, String scheduler, String execution, boolean terminal) {
        assertThat(s.rank()).isEqualTo(rank);
        assertThat(s.schedulerState()).isEqualTo(scheduler);
        assertThat(s.executionStatus()).isEqualTo(execution);
        assertThat(s.terminal()).isEqualTo(terminal);
    }

    @Test
    void nullIsUnknown() {
        assertThat(SlurmState.normalize(null)).isEqualTo(SlurmState.UNKNOWN);
    }
}
