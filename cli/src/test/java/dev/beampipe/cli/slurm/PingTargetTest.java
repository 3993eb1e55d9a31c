package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user chains of {@code slurm ping} (50-operations §1.2). */
class PingTargetTest {
    static Map<String, String> env(String slurmRemoteUser, String user) {
        Map<String, String> env = new HashMap<>();
        if (slurmRemoteUser != null) env.put("SLURM_REMOTE_USER", slurmRemoteUser);
        if (user != null) env.put("USER", user);
        return env;
    }

    static SlurmRemoteDeployment deployment(String remoteUser) {
        try {
            return (SlurmRemoteDeployment) ProfileBinder.bind(new ObjectMapper().readTree("{\"name\": \"p\", \"translation\": {}, "
                    + "\"deployment\": {\"kind\": \"slurm_remote\", \"login_node\": \"setonix\", "
                    + (remoteUser == null ? "" : "\"remote_user\": \"" + remoteUser + "\", ")
                    + "\"ssh_credential\": \"s1\", \"account\": \"a\", \"home_dir\": \"/h\", \"log_dir\": \"/l\", \"dlg_root\": \"/d\"}}"))
                    .deployment();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // profile remote_user, SLURM_REMOTE_USER, --user, USER, expected
            "prof, env,  flag, u, prof",
            "-,    env,  flag, u, env",
            "-,    -,    flag, u, flag",
            "-,    -,    -,    u, -",   // USER is not part of the profile chain
    })
    void withAProfile(String remoteUser, String slurmRemoteUser, String flag, String user, String expected) {
        SlurmRemoteDeployment d = deployment(remoteUser);
        if (expected == null) {
            assertThatThrownBy(() -> PingTarget.ofProfile(d, flag, env(slurmRemoteUser, user)))
                    .isInstanceOf(CliException.class).hasMessageContaining("remote user required");
        } else {
            var target = PingTarget.ofProfile(d, flag, env(slurmRemoteUser, user));
            assertThat(target.user()).isEqualTo(expected);
            assertThat(target.credentialSlot()).isEqualTo("s1");
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // --user, SLURM_REMOTE_USER, USER, expected
            "flag, env, u, flag",
            "-,    env, u, env",
            "-,    -,   u, u",
            "-,    -,   -, -",
    })
    void withFlags(String flag, String slurmRemoteUser, String user, String expected) {
        if (expected == null) {
            assertThatThrownBy(() -> PingTarget.ofFlags("login", null, flag, env(slurmRemoteUser, user)))
                    .isInstanceOf(CliException.class).hasMessageContaining("remote user required");
        } else {
            var target = PingTarget.ofFlags("login", null, flag, env(slurmRemoteUser, user));
            assertThat(target.user()).isEqualTo(expected);
            assertThat(target.port()).isEqualTo(22);
            assertThat(target.credentialSlot()).isNull();
        }
    }
}
