package dev.beampipe.model.testing;

import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileValidator;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealSlurmTest {
    static final String ENV_FILE = """
            # written by scripts/slurm-cluster/start.sh
            BEAMPIPE_TEST_SLURM_HOST=127.0.0.1
            BEAMPIPE_TEST_SLURM_PORT=2222
            BEAMPIPE_TEST_SLURM_USER=root
            BEAMPIPE_TEST_SLURM_PRIVATE_KEY=/tmp/c/ssh/id_ed25519
            BEAMPIPE_TEST_SLURM_KNOWN_HOSTS="/tmp/c/ssh/known_hosts"

            BEAMPIPE_TEST_SLURM_DLG_ROOT=/tmp/c/dlg
            BEAMPIPE_TEST_SLURM_ACCOUNT=science
            BEAMPIPE_TEST_SLURM_PARTITION=debug
            BEAMPIPE_TEST_SLURM_HOME_DIR=/tmp/c/home
            BEAMPIPE_TEST_SLURM_LOG_DIR=/tmp/c/dlg-logs
            BEAMPIPE_TEST_SLURM_CONF=/tmp/c/slurm.conf
            """;

    @Test
    void parsesTheEnvFileThatStartShWrites() {
        RealSlurm c = RealSlurm.parse(ENV_FILE);

        assertThat(c).isEqualTo(new RealSlurm("127.0.0.1", 2222, "root", Path.of("/tmp/c/ssh/id_ed25519"),
                Path.of("/tmp/c/ssh/known_hosts"), "/tmp/c/dlg", "science", "debug", "/tmp/c/home", "/tmp/c/dlg-logs"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "BEAMPIPE_TEST_SLURM_HOST=127.0.0.1;    ;                  the BEAMPIPE_TEST_SLURM_ENV file has no BEAMPIPE_TEST_SLURM_HOST",
            "BEAMPIPE_TEST_SLURM_PORT=2222;         ;                  the BEAMPIPE_TEST_SLURM_ENV file has no BEAMPIPE_TEST_SLURM_PORT",
            "BEAMPIPE_TEST_SLURM_ACCOUNT=science;   ;                  the BEAMPIPE_TEST_SLURM_ENV file has no BEAMPIPE_TEST_SLURM_ACCOUNT",
            "BEAMPIPE_TEST_SLURM_PORT=2222;BEAMPIPE_TEST_SLURM_PORT=ssh;   BEAMPIPE_TEST_SLURM_PORT is not a number: ssh",
            "BEAMPIPE_TEST_SLURM_PORT=2222;BEAMPIPE_TEST_SLURM_PORT=0;     BEAMPIPE_TEST_SLURM_PORT must be 1-65535, got 0",
            "BEAMPIPE_TEST_SLURM_DLG_ROOT=/tmp/c/dlg;BEAMPIPE_TEST_SLURM_DLG_ROOT=dlg;  remote paths must be absolute, got dlg",
            "BEAMPIPE_TEST_SLURM_USER=root;BEAMPIPE_TEST_SLURM_USER root;  not a KEY=value line in the BEAMPIPE_TEST_SLURM_ENV file: BEAMPIPE_TEST_SLURM_USER root",
    })
    void refusesAnIncompleteOrMalformedEnvFile(String line, String replacementOrNullToDrop, String message) {
        assertThat(ENV_FILE).contains(line + "\n");
        String text = ENV_FILE.replace(line + "\n", replacementOrNullToDrop == null ? "" : replacementOrNullToDrop + "\n");

        assertThatThrownBy(() -> RealSlurm.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void profileJsonBindsToAValidSlurmRemoteProfileForTheCluster() {
        RealSlurm c = RealSlurm.parse(ENV_FILE);

        DeploymentProfile p = ProfileBinder.bind(c.profileJson("real-slurm", "beamlab"));

        assertThat(ProfileValidator.validate(p)).isEmpty();
        SlurmRemoteDeployment d = (SlurmRemoteDeployment) p.deployment();
        assertThat(d.loginNode()).isEqualTo("127.0.0.1");
        assertThat(d.sshPort()).isEqualTo(2222);
        assertThat(d.remoteUser()).isEqualTo("root");
        assertThat(d.sshCredential()).isEqualTo("beamlab");
        assertThat(d.account()).isEqualTo("science");
        assertThat(d.resources().partition()).isEqualTo("debug");
        assertThat(d.dlgRoot()).isEqualTo("/tmp/c/dlg");
        assertThat(d.homeDir()).isEqualTo("/tmp/c/home");
        assertThat(d.logDir()).isEqualTo("/tmp/c/dlg-logs");
        assertThat(d.execPrefix()).isEqualTo("srun -l --export=ALL");
        assertThat(d.effectiveWallTimeMinutes()).isEqualTo(5);
    }

    @Test
    void workerEnvPointsTheSlotAtTheClusterKeyAndKnownHosts() {
        RealSlurm c = RealSlurm.parse(ENV_FILE);

        assertThat(c.workerEnv("beam-lab.1")).containsExactly(
                java.util.Map.entry("SLURM_SSH_PRIVATE_KEY_PATH_BEAM_LAB_1", "/tmp/c/ssh/id_ed25519"),
                java.util.Map.entry("SLURM_SSH_KNOWN_HOSTS_BEAM_LAB_1", "/tmp/c/ssh/known_hosts"),
                java.util.Map.entry("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "true"));
    }
}
