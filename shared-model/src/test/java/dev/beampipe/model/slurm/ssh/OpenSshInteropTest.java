package dev.beampipe.model.slurm.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The client against a real OpenSSH sshd on loopback (40-backends §11.3 settings), with known_hosts written by the
 * real {@code ssh-keyscan}, an ed25519 and an RSA client key (RSA must sign with SHA-2: OpenSSH 9 refuses ssh-rsa).
 * Needs root and the Debian openssh-server package, as the Slurm cluster tests do.
 */
class OpenSshInteropTest {
    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Process sshd;
    static int port;
    static Path knownHosts;
    static TestKeys ed25519;
    static Path rsaKey;

    @BeforeAll
    static void startSshd() throws Exception {
        assumeThat(Path.of("/usr/sbin/sshd")).as("OpenSSH server installed").isExecutable();
        assumeThat(Path.of("/run/sshd")).as("privilege-separation directory").isDirectory();
        assumeThat(ProcessIds.effectiveUid()).as("running as root").hasValue(0);
        TestKeys host = TestKeys.generate(dir.resolve("host"), "host_ed25519", null);
        ed25519 = TestKeys.generate(dir.resolve("client"), "id_ed25519", null);
        rsaKey = dir.resolve("client/id_rsa");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", rsaKey.toString());
        Files.writeString(dir.resolve("authorized_keys"), ed25519.publicLine() + "\n"
                + Files.readString(Path.of(rsaKey + ".pub")));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + host.privateKey(), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "PermitRootLogin prohibit-password",
                "StrictModes no", "UsePAM no", "SetEnv BEAMPIPE_TEST_MARKER=via-sshd", "") );
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", config.toString(), "-E", dir.resolve("sshd.log").toString())
                .redirectErrorStream(true).start();
        awaitPort();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, run("ssh-keyscan", "-p", String.valueOf(port), "-t", "ed25519", "127.0.0.1"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.destroy();
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    static void awaitPort() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                assertThat(sshd.isAlive()).as("sshd running (see sshd.log)").isTrue();
                Thread.sleep(100);
            }
        }
        throw new IOException("sshd did not listen on " + port);
    }

    static SshCredentials credentials(Path key) throws SshFailure {
        return new SshCredentialResolver(Map.of("BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("root").toString(),
                "SLURM_SSH_PRIVATE_KEY_PATH", key.toString(), "SLURM_SSH_KNOWN_HOSTS", knownHosts.toString())).resolve(null);
    }

    @Test
    void sshKeyscanOutputIsTheFormatTheMatcherExpects() throws Exception {
        assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + port + " ssh-ed25519 AAAA");
    }

    @Test
    void ed25519KeyRunsCommandsAndUploads() throws Exception {
        SshTarget target = new SshTarget("127.0.0.1", port, "root", null);
        try (SshConnector connector = new SshConnector(SshTimeouts.defaults());
             RemoteShell shell = connector.open(target, credentials(ed25519.privateKey()))) {
            CommandResult result = shell.exec("id -un; echo $BEAMPIPE_TEST_MARKER; echo warn >&2; exit 5", T);
            assertThat(result).isEqualTo(new CommandResult(5, "root\nvia-sshd\n", "warn\n"));
            Path uploaded = dir.resolve("up load's.txt");
            shell.uploadAtomic(uploaded.toString(), "line 1\nline 'two'\n", T);
            assertThat(Files.readString(uploaded)).isEqualTo("line 1\nline 'two'\n");
        }
    }

    @Test
    void rsaKeyAuthenticatesWithSha2Signatures() throws Exception {
        SshTarget target = new SshTarget("127.0.0.1", port, "root", null);
        try (SshConnector connector = new SshConnector(SshTimeouts.defaults());
             RemoteShell shell = connector.open(target, credentials(rsaKey))) {
            assertThat(shell.exec("echo rsa-ok", T).stdout()).isEqualTo("rsa-ok\n");
        }
    }
}
