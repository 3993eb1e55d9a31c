package dev.beampipe.model.slurm.ssh;

import dev.beampipe.model.profile.SlurmRemoteDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshTargetTest {

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static SlurmRemoteDeployment deployment(String host, long port, String user, String slot) {
        return new SlurmRemoteDeployment(host, port, user, slot, "pawsey0411", "/home/u", "/scratch/logs", "srun -l",
                "/scratch/dlg", null, null, "setonix", 30, 1, 1, 1, 0, false, false, false, false, null, null,
                SlurmRemoteDeployment.Resources.EMPTY, SlurmRemoteDeployment.ManagerTopology.EMPTY, null, null);
    }

    @Test
    void fingerprintIsSha256OfTheCompactSortedJson() throws Exception {
        assertThat(new SshTarget("setonix.pawsey.org.au", 22, "alice", "setonix-pawsey0411").fingerprint()).isEqualTo(sha256(
                "{\"credential_slot\":\"setonix-pawsey0411\",\"login_node\":\"setonix.pawsey.org.au\",\"remote_user\":\"alice\",\"ssh_port\":22}"));
        assertThat(new SshTarget("127.0.0.1", 2222, "root", null).fingerprint()).isEqualTo(sha256(
                "{\"credential_slot\":null,\"login_node\":\"127.0.0.1\",\"remote_user\":\"root\",\"ssh_port\":2222}"));
    }

    @Test
    void fingerprintChangesWithEveryIdentityField() {
        SshTarget base = new SshTarget("h", 22, "u", "s");
        assertThat(new String[] {new SshTarget("h2", 22, "u", "s").fingerprint(), new SshTarget("h", 23, "u", "s").fingerprint(),
                new SshTarget("h", 22, "u2", "s").fingerprint(), new SshTarget("h", 22, "u", null).fingerprint()})
                .doesNotContain(base.fingerprint()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "profile={0} SLURM_REMOTE_USER={1} USER={2} → {3}")
    @CsvSource({
            "alice, bob, carol, alice",
            "'',    bob, carol, bob",
            ",      ' ', carol, carol",
            ",      ,    ,      root",
            "' alice ', , ,     alice",
    })
    void remoteUserChain(String profile, String slurmRemoteUser, String user, String expected) {
        Map<String, String> env = new HashMap<>();
        if (slurmRemoteUser != null) {
            env.put("SLURM_REMOTE_USER", slurmRemoteUser);
        }
        if (user != null) {
            env.put("USER", user);
        }
        assertThat(RemoteUser.resolve(profile, env)).isEqualTo(expected);
    }

    @Test
    void ofTakesTheProfileFieldsAndTheUserChain() {
        SshTarget target = SshTarget.of(deployment("setonix.pawsey.org.au", 2222, null, "setonix"), Map.of("USER", "svc"));
        assertThat(target).isEqualTo(new SshTarget("setonix.pawsey.org.au", 2222, "svc", "setonix"));
        assertThat(target.display()).isEqualTo("svc@setonix.pawsey.org.au:2222");
        assertThat(target.knownHostsName()).isEqualTo("[setonix.pawsey.org.au]:2222");
        assertThat(new SshTarget("h", 22, "u", " ").knownHostsName()).isEqualTo("h");
        assertThat(new SshTarget("h", 22, "u", " ").credentialSlot()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "65536", "4294967318"})
    void outOfRangePortsAreRejectedNotClamped(long port) {
        assertThatThrownBy(() -> SshTarget.of(deployment("h", port, "u", null), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment.ssh_port must be between 1 and 65535 (got " + port + ")");
    }

    @Test
    void aBlankLoginNodeIsRejected() {
        assertThatThrownBy(() -> new SshTarget(" ", 22, "u", null)).hasMessageContaining("login_node");
    }
}
