package dev.beampipe.model.slurm.ssh;

import dev.beampipe.model.slurm.protocol.FailureText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real connector failures through the classifiers (40-backends §4.8, §8.2): each case makes the MINA client fail
 * against a real socket or server, then checks the class from the failure's kind and that the message's words lead
 * the text classifier to the same class. A user name containing {@code auth} or {@code connect} changes the words,
 * never the kind.
 */
class SshFailureClassificationTest {
    @TempDir
    static Path dir;
    static TestKeys hostKeys;
    static TestKeys otherHostKeys;
    static TestKeys clientKeys;
    static TestKeys strangerKeys;
    static TestLoginNode node;
    static SshConnector connector;
    /** Accepts TCP connections (the kernel's backlog) and never says a word. */
    static ServerSocket silent;
    /** Accepts and hangs up at once. */
    static ServerSocket hangUp;
    static Thread hangUpLoop;

    @BeforeAll
    static void start() throws Exception {
        hostKeys = TestKeys.generate(dir.resolve("host"), "host_ed25519", null);
        otherHostKeys = TestKeys.generate(dir.resolve("host"), "other_ed25519", null);
        clientKeys = TestKeys.generate(dir.resolve("client"), "id_ed25519", null);
        strangerKeys = TestKeys.generate(dir.resolve("client"), "stranger", null);
        node = new TestLoginNode(hostKeys.load(null));
        node.authorize(clientKeys.load(null).getPublic());
        connector = new SshConnector(new SshTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(300)));
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        hangUpLoop = new Thread(() -> {
            while (!hangUp.isClosed()) {
                try (Socket s = hangUp.accept()) {
                    s.getOutputStream().write("SSH-2.0-hangup\r\n".getBytes());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
        hangUpLoop.setDaemon(true);
        hangUpLoop.start();
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        node.close();
        silent.close();
        hangUp.close();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The real failure of one case. */
    static SshFailure failure(String situation, String user) throws Exception {
        TestKeys key = clientKeys;
        String knownHosts = node.knownHostsLine();
        int port = node.port();
        switch (situation) {
            case "connection refused" -> port = closedPort();
            case "handshake timeout" -> port = silent.getLocalPort();
            case "hang-up during the handshake" -> port = hangUp.getLocalPort();
            case "wrong key" -> key = strangerKeys;
            case "host key mismatch" -> knownHosts = "[127.0.0.1]:" + port + " " + otherHostKeys.publicLine();
            default -> throw new IllegalArgumentException(situation);
        }
        Path knownHostsFile = Files.writeString(Files.createTempFile(dir, "known_hosts", ""),
                knownHosts.replace(":" + node.port() + " ", ":" + port + " ") + "\n");
        SshCredentials credentials = new SshCredentialResolver(Map.of(
                "BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("empty-root").toString(),
                "SLURM_SSH_PRIVATE_KEY_PATH_TEST_SLOT", key.privateKey().toString(),
                "SLURM_SSH_KNOWN_HOSTS_TEST_SLOT", knownHostsFile.toString())).resolve("test-slot");
        SshTarget target = new SshTarget("127.0.0.1", port, user, "test-slot");
        SshFailure failure = catchThrowableOfType(() -> connector.open(target, credentials).close(), SshFailure.class);
        assertThat(failure).as(situation + " must fail").isNotNull();
        return failure;
    }

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource({
            "connection refused,           CONNECT,        connectivity,   connectivity,      connectivity,   true",
            "handshake timeout,            TIMEOUT,        timeout,        timeout,           timeout,        true",
            "hang-up during the handshake, CONNECT,        connectivity,   connectivity,      connectivity,   true",
            "wrong key,                    AUTHENTICATION, authentication, authentication,    authentication, false",
            "host key mismatch,            HOST_KEY,       authorization,  host_verification, authorization,  false",
    })
    void realConnectorFailuresAreClassifiedByKind(String situation, SshFailure.Kind kind, String pollClass,
                                                  String adapterKind, String adapterClass, boolean retryable) throws Exception {
        FailureText.AdapterErrorKind adapter = new FailureText.AdapterErrorKind(adapterKind, adapterClass, retryable);

        SshFailure plain = failure(situation, "beampipe");
        assertThat(plain.kind()).as(plain.getMessage()).isEqualTo(kind);
        assertThat(FailureText.classify(plain)).isEqualTo(pollClass);
        assertThat(FailureText.classifyAdapterError(plain)).isEqualTo(adapter);
        // the words agree with the kind, for callers that only have the text
        assertThat(FailureText.classifyPollError(plain.getMessage())).as(plain.getMessage()).isEqualTo(pollClass);
        assertThat(FailureText.classifyAdapterError(plain.getMessage())).as(plain.getMessage()).isEqualTo(adapter);

        SshFailure misleading = failure(situation, "authconnect");
        if (kind != SshFailure.Kind.HOST_KEY) { // the host-key texts name [host]:port, not the user
            assertThat(misleading.getMessage()).contains("authconnect@");
        }
        assertThat(FailureText.classify(misleading)).isEqualTo(pollClass);
        assertThat(FailureText.classifyAdapterError(misleading)).isEqualTo(adapter);
    }
}
