package dev.beampipe.cli.slurm;

import dev.beampipe.cli.PackagedCli;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code beampipe slurm …} commands: a slot made, listed, and used for a ping of the fake login node. */
class SlurmCommandsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    @Test
    void initListShowAndPing() throws Exception {
        Path root = dir.resolve("creds");
        Map<String, String> env = Map.of("BEAMPIPE_SSH_CREDENTIALS_DIR", root.toString(), "USER", "alice");
        PackagedCli.Result init = cli.run(dir, env, List.of(), TIMEOUT, "slurm", "credentials", "init", "--slot", "fake",
                "--skip-keyscan", "--no-passphrase", "--yes");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("SSH credential slot 'fake' written", "ssh-ed25519 ");
        PackagedCli.Result list = cli.run(dir, env, List.of(), TIMEOUT, "slurm", "credentials", "list");
        assertThat(list.out()).contains("\"fake\"");

        try (FakeLoginNode node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")))) {
            node.authorize(Files.readString(root.resolve("fake/private_key.pub")).strip());
            Files.writeString(root.resolve("known_hosts"), node.knownHostsLine() + "\n");
            Map<String, String> pingEnv = Map.of("USER", "alice",
                    "SLURM_SSH_PRIVATE_KEY_PATH", root.resolve("fake/private_key").toString(),
                    "SLURM_SSH_KNOWN_HOSTS", root.resolve("known_hosts").toString());
            PackagedCli.Result ping = cli.run(dir, pingEnv, List.of("SLURM_REMOTE_USER", "BEAMPIPE_SSH_CREDENTIALS_DIR"), TIMEOUT, "slurm", "ping", "--host", "127.0.0.1",
                    "--port", Integer.toString(node.port()));
            assertThat(ping.exitCode()).as(ping.err()).isZero();
            assertThat(ping.out()).contains("\"target\": \"alice@127.0.0.1\"", "\"transport\": \"mina-sshd\"");

            String otherKey = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(org.apache.sshd.common.config.keys.KeyUtils
                    .generateKeyPair(org.apache.sshd.common.keyprovider.KeyPairProvider.SSH_ED25519, 256).getPublic());
            Files.writeString(root.resolve("known_hosts"), "[127.0.0.1]:" + node.port() + " " + otherKey + "\n");
            PackagedCli.Result changed = cli.run(dir, pingEnv, List.of("SLURM_REMOTE_USER", "BEAMPIPE_SSH_CREDENTIALS_DIR"), TIMEOUT, "slurm", "ping", "--host", "127.0.0.1",
                    "--port", Integer.toString(node.port()));
            assertThat(changed.exitCode()).isEqualTo(1);
            assertThat(changed.err()).contains("Error: ", "host key");
        }
    }
}
