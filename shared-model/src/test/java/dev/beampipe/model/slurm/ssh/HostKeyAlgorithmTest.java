package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server holding both an ed25519 and an RSA host key, and known_hosts files that record only one of them: the
 * client must ask the server to prove the key type known_hosts lists (40-backends §4.3).
 */
class HostKeyAlgorithmTest {
    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static KeyPair ed25519;
    static KeyPair rsa;
    static TestKeys clientKeys;
    static TestLoginNode node;
    static SshConnector connector;

    @BeforeAll
    static void start() throws Exception {
        ed25519 = TestKeys.generate(dir.resolve("host"), "host_ed25519", null).load(null);
        rsa = rsa();
        clientKeys = TestKeys.generate(dir.resolve("client"), "id_ed25519", null);
        node = new TestLoginNode(ed25519, rsa);
        node.authorize(clientKeys.load(null).getPublic());
        connector = new SshConnector(SshTimeouts.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        node.close();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static RemoteShell open(String knownHostsText) throws Exception {
        Path knownHosts = Files.createTempFile(dir, "known_hosts", "");
        Files.writeString(knownHosts, knownHostsText);
        SshCredentials credentials = new SshCredentialResolver(Map.of(
                "BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("empty-root").toString(),
                "SLURM_SSH_PRIVATE_KEY_PATH_TEST_SLOT", clientKeys.privateKey().toString(),
                "SLURM_SSH_KNOWN_HOSTS_TEST_SLOT", knownHosts.toString())).resolve("test-slot");
        return connector.open(new SshTarget("127.0.0.1", node.port(), "beampipe", "test-slot"), credentials);
    }

    @Test
    void onlyTheRsaKeyInKnownHostsConnects() throws Exception {
        try (RemoteShell shell = open(node.knownHostsLine(rsa.getPublic()) + "\n")) {
            assertThat(shell.exec("echo over-rsa", T).stdout()).isEqualTo("over-rsa\n");
        }
    }

    @Test
    void onlyTheEd25519KeyInKnownHostsConnects() throws Exception {
        try (RemoteShell shell = open(node.knownHostsLine(ed25519.getPublic()) + "\n")) {
            assertThat(shell.exec("echo over-ed25519", T).stdout()).isEqualTo("over-ed25519\n");
        }
    }

    @Test
    void aDifferentRsaKeyIsAHostKeyMismatchNamingTheServersRsaKey() throws Exception {
        SshFailure failure = catchThrowableOfType(() -> open(node.knownHostsLine(rsa().getPublic()) + "\n"), SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.HOST_KEY);
        assertThat(failure.getMessage()).startsWith("host key verification failed for [127.0.0.1]:" + node.port()
                + ": the server offered ssh-rsa " + KeyUtils.getFingerPrint(rsa.getPublic()) + " which does not match known_hosts");
    }

    @Test
    void aKnownTypeTheServerDoesNotHoldStillEndsInAClearHostKeyMismatch() throws Exception {
        KeyPair ecdsa = KeyPairGenerator.getInstance("EC").generateKeyPair();
        SshFailure failure = catchThrowableOfType(() -> open(node.knownHostsLine(ecdsa.getPublic()) + "\n"), SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.HOST_KEY);
        assertThat(failure.getMessage()).contains("which does not match known_hosts");
    }

    @ParameterizedTest(name = "known {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa,ssh-rsa-cert-v01@openssh.com | ssh-rsa "
                    + "| rsa-sha2-512,rsa-sha2-256,ssh-rsa,ssh-ed25519,ssh-rsa-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512,ssh-rsa | ssh-rsa,ssh-ed25519 "
                    + "| ssh-ed25519,rsa-sha2-512,ssh-rsa,ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512 | ecdsa-sha2-nistp256 | ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512",
            "ssh-ed25519,rsa-sha2-512,ssh-ed25519-cert-v01@openssh.com | ssh-dss | ssh-ed25519,rsa-sha2-512,ssh-ed25519-cert-v01@openssh.com",
            "ssh-ed25519,rsa-sha2-512 | '' | ssh-ed25519,rsa-sha2-512",
    })
    void knownKeyTypesMoveToTheFrontAndNothingIsDropped(String available, String known, String expected) {
        List<NamedResource> algorithms = Arrays.stream(available.split(",")).map(NamedResource::ofName).toList();
        List<String> knownTypes = known.isEmpty() ? List.of() : List.of(known.split(","));
        assertThat(HostKeyCheck.preferKnown(algorithms, knownTypes)).extracting(NamedResource::getName)
                .containsExactly(expected.split(","));
    }
}
