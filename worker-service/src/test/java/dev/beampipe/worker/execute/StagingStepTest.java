package dev.beampipe.worker.execute;

import dev.beampipe.worker.execute.StagingStep.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagingStepTest {

    @ParameterizedTest(name = "stage={0} real={1} archive={2} credentials={3} -> {4}")
    @CsvSource({
            "false, true,  casda, true,  DISABLED",
            "false, false, casda, false, DISABLED",
            "true,  true,  casda, true,  CASDA",
            "true,  true,  other, true,  CASDA",
            "true,  true,  other, false, PASS_THROUGH",
            "true,  false, casda, false, DRY_RUN_CASDA",
            "true,  false, CASDA, false, DRY_RUN_CASDA",
            "true,  false, other, true,  DRY_RUN_CASDA",
            "true,  false, other, false, PASS_THROUGH",
    })
    void modeFollowsDoStageRealBackendsArchiveAndCredentials(boolean stage, boolean real, String archive, boolean credentials,
                                                             Mode expected) {
        ExecuteOptions options = new ExecuteOptions(UUID.randomUUID(), stage, true, real);
        assertThat(StagingStep.mode(options, archive, credentials)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void realCasdaArchiveWithoutCredentialsFails() {
        ExecuteOptions options = new ExecuteOptions(UUID.randomUUID(), true, true, true);
        assertThatThrownBy(() -> StagingStep.mode(options, "casda", false)).isInstanceOf(ExecuteFailure.class)
                .hasMessage("CASDA_USERNAME/CASDA_PASSWORD required for staging but not configured");
    }
}
