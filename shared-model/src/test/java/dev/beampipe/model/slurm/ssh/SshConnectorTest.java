package dev.beampipe.model.slurm.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The MINA client against a real MINA server that runs commands through /bin/bash. */
class SshConnectorTest {
    static final Duration T = Duration.ofSeconds(20);
    static final String PASSPHRASE = "correct horse 'battery'";

    @TempDir
    static Path dir;
    static TestKeys hostKeys;
    static TestKeys otherHostKeys;
    static TestKeys clientKeys;
    static TestKeys protectedKeys;
    static TestKeys strangerKeys;
    static TestLoginNode node;
    static SshConnector connector;
    static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        hostKeys = TestKeys.generate(dir.resolve("host"), "host_ed25519", null);
        otherHostKeys = TestKeys.generate(dir.resolve("host"), "other_ed25519", null);
        clientKeys = TestKeys.generate(dir.resolve("client"), "id_ed25519", null);
        protectedKeys = TestKeys.generate(dir.resolve("client"), "protected", PASSPHRASE);
        strangerKeys = TestKeys.generate(dir.resolve("client"), "stranger", null);
        node = new TestLoginNode(hostKeys.load(null));
        node.authorize(clientKeys.load(null).getPublic());
        node.authorize(protectedKeys.load(PASSPHRASE).getPublic());
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "# test node\n" + node.knownHostsLine() + "\n");
        connector = new SshConnector(SshTimeouts.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        node.close();
    }

    static SshTarget target() {
        return new SshTarget("127.0.0.1", node.port(), "beampipe", "test-slot");
    }

    static SshCredentials credentials(TestKeys keys, Path knownHostsFile, String passphrase) throws SshFailure {
        Map<String, String> env = new HashMap<>();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("empty-root").toString());
        env.put("SLURM_SSH_PRIVATE_KEY_PATH_TEST_SLOT", keys.privateKey().toString());
        env.put("SLURM_SSH_KNOWN_HOSTS_TEST_SLOT", knownHostsFile.toString());
        if (passphrase != null) {
            env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_TEST_SLOT", passphrase);
        }
        return new SshCredentialResolver(env).resolve("test-slot");
    }

    static RemoteShell open() throws Exception {
        return connector.open(target(), credentials(clientKeys, knownHosts, null));
    }

    @Test
    void execCollectsStdoutStderrAndExitStatus() throws Exception {
        try (RemoteShell shell = open()) {
            CommandResult result = shell.exec("echo hello; echo oops >&2; printf 'a|b'", T);
            assertThat(result).isEqualTo(new CommandResult(0, "hello\na|b", "oops\n"));
            assertThat(result.ok()).isTrue();
            assertThat(result.requireOk("x")).isSameAs(result);
        }
    }

    @Test
    void nonZeroExitIsAResultAndRequireOkNamesTheCommandAndOutput() throws Exception {
        try (RemoteShell shell = open()) {
            String command = "echo partial; echo 'sbatch: error: invalid account' >&2; exit 3";
            CommandResult result = shell.exec(command, T);
            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(result.ok()).isFalse();
            SshFailure failure = catchThrowableOfType(() -> result.requireOk(command), SshFailure.class);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.COMMAND);
            assertThat(failure.getMessage()).isEqualTo("remote command failed (exit=3): \"" + command
                    + "\"\nstdout: partial\nstderr: sbatch: error: invalid account");
        }
    }

    @Test
    void stdinIsWrittenThenEndOfFile() throws Exception {
        try (RemoteShell shell = open()) {
            assertThat(shell.exec("wc -c", "12345".getBytes(), T).stdout().trim()).isEqualTo("5");
            assertThat(shell.exec("cat; echo done", T).stdout()).isEqualTo("done\n");
        }
    }

    @Test
    void aChannelClosedWithoutExitStatusIsChannelClosed() throws Exception {
        try (RemoteShell shell = open()) {
            SshFailure failure = catchThrowableOfType(() -> shell.exec(TestLoginNode.CLOSE_WITHOUT_STATUS, T), SshFailure.class);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CHANNEL_CLOSED);
            assertThat(failure.mayHaveRun()).isTrue();
            assertThat(failure.getMessage()).contains("without an exit status");
            assertThat(shell.exec("echo still-usable", T).stdout()).isEqualTo("still-usable\n");
        }
    }

    @Test
    void aConnectionDroppedWhileACommandRunsMayHaveRunTheCommand() throws Exception {
        try (RemoteShell shell = open()) {
            SshFailure failure = catchThrowableOfType(() -> shell.exec(TestLoginNode.DROP_CONNECTION, T), SshFailure.class);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CHANNEL_CLOSED);
            assertThat(failure.mayHaveRun()).isTrue();
            SshFailure next = catchThrowableOfType(() -> shell.exec("true", T), SshFailure.class);
            assertThat(next.kind()).isEqualTo(SshFailure.Kind.CONNECT);
            assertThat(next.mayHaveRun()).isFalse();
        }
    }

    @Test
    void anInterruptedExecStopsWaitingAndClosesTheChannel() throws Exception {
        try (RemoteShell shell = open()) {
            java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    shell.exec("sleep 60", Duration.ofSeconds(120));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            worker.start();
            while (node.commands.stream().noneMatch("sleep 60"::equals)) {
                Thread.sleep(20);
            }
            worker.interrupt();
            assertThat(outcome.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(shell.exec("echo usable", T).stdout()).isEqualTo("usable\n");
        }
    }

    @Test
    void aSlowCommandTimesOutAndTheSessionStaysUsable() throws Exception {
        try (RemoteShell shell = open()) {
            SshFailure failure = catchThrowableOfType(() -> shell.exec("sleep 60", Duration.ofMillis(500)), SshFailure.class);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.TIMEOUT);
            assertThat(failure.mayHaveRun()).isTrue();
            assertThat(failure.getMessage()).contains("timed out").contains("sleep 60");
            assertThat(shell.exec("echo after", T).stdout()).isEqualTo("after\n");
        }
    }

    @Test
    void stdinTheRemoteDoesNotReadIsBoundedByTheTimeout() throws Exception {
        byte[] eightMiB = new byte[8 << 20];
        try (RemoteShell shell = open()) {
            long start = System.nanoTime();
            SshFailure failure = catchThrowableOfType(
                    () -> shell.exec("sleep 25; cat >/dev/null", eightMiB, Duration.ofSeconds(3)), SshFailure.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.TIMEOUT);
            assertThat(failure.mayHaveRun()).isTrue();
            // the remote sleeps 25 s before reading: an unbounded write would return only after that
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(shell.exec("echo after", T).stdout()).isEqualTo("after\n");
        }
        // the helper thread that was blocked writing ends once the channel is closed
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stdinWriters() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(stdinWriters()).isZero();
    }

    @Test
    void largeStdinIsDeliveredCompletely() throws Exception {
        byte[] threeMiB = new byte[3 << 20];
        java.util.Arrays.fill(threeMiB, (byte) 'x');
        try (RemoteShell shell = open()) {
            assertThat(shell.exec("wc -c", threeMiB, T).stdout().trim()).isEqualTo(Integer.toString(3 << 20));
        }
    }

    static long stdinWriters() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(MinaRemoteShell.STDIN_THREAD) && t.isAlive()).count();
    }

    @Test
    void uploadAtomicWritesExactContentPrivatelyWithQuotesInThePath() throws Exception {
        Path target = Files.createDirectories(dir.resolve("uploads/it's \"quoted\" $HOME")).resolve("graph 'pgt'.json");
        String content = "{\"a\": \"it's\"}\n\u00e9\u2713 $(rm -rf /) `x`\n\n";
        try (RemoteShell shell = open()) {
            shell.uploadAtomic(target.toString(), content, T);
            shell.uploadAtomic(target.toString(), content + "v2", T);
        }
        assertThat(Files.readString(target)).isEqualTo(content + "v2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("graph 'pgt'.json");
        }
        assertThat(node.commands).anySatisfy(c -> assertThat(c).startsWith("umask 077 && tee '").endsWith("' >/dev/null")
                .contains("'\"'\"'"));
    }

    @Test
    void uploadIntoAMissingDirectoryFailsWithTheTeeMessage() throws Exception {
        String path = dir.resolve("no-such-dir/file").toString();
        try (RemoteShell shell = open()) {
            SshFailure failure = catchThrowableOfType(() -> shell.uploadAtomic(path, "x", T), SshFailure.class);
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.COMMAND);
            assertThat(failure.getMessage()).startsWith("ssh tee failed for \"" + path + ".tmp-").contains("(exit=1)");
        }
    }

    @Test
    void aPassphraseProtectedKeyAuthenticates() throws Exception {
        try (RemoteShell shell = connector.open(target(), credentials(protectedKeys, knownHosts, PASSPHRASE))) {
            assertThat(shell.exec("echo ok", T).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void aWrongPassphraseIsACredentialsFailureWithoutThePassphrase() throws Exception {
        SshFailure failure = catchThrowableOfType(
                () -> connector.open(target(), credentials(protectedKeys, knownHosts, "wrong-passphrase-xyz")), SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CREDENTIALS);
        assertThat(failure.getMessage()).contains("passphrase").doesNotContain("wrong-passphrase-xyz");
    }

    @Test
    void aChangedHostKeyIsRefusedNamingTargetAndFingerprint() throws Exception {
        Path changed = dir.resolve("known_hosts.changed");
        Files.writeString(changed, "[127.0.0.1]:" + node.port() + " " + otherHostKeys.publicLine() + "\n");
        SshFailure failure = catchThrowableOfType(() -> connector.open(target(), credentials(clientKeys, changed, null)),
                SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.HOST_KEY);
        String fingerprint = org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(hostKeys.load(null).getPublic());
        assertThat(failure.getMessage()).isEqualTo("host key verification failed for [127.0.0.1]:" + node.port()
                + ": the server offered ssh-ed25519 " + fingerprint + " which does not match known_hosts " + changed
                + " (the host key changed, or this is not the expected server)");
    }

    @Test
    void anUnknownHostIsRefused() throws Exception {
        Path otherPort = dir.resolve("known_hosts.other-port");
        // the right key, but recorded for port 22 only (a plain pattern)
        Files.writeString(otherPort, "127.0.0.1 " + hostKeys.publicLine() + "\n");
        SshFailure failure = catchThrowableOfType(() -> connector.open(target(), credentials(clientKeys, otherPort, null)),
                SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.HOST_KEY);
        assertThat(failure.getMessage()).contains("host key").contains("[127.0.0.1]:" + node.port() + " is not in known_hosts");
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        SshFailure failure = catchThrowableOfType(() -> connector.open(target(), credentials(strangerKeys, knownHosts, null)),
                SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("authentication failed").contains("beampipe@127.0.0.1:" + node.port())
                .contains("credential 'test-slot'");
    }

    @Test
    void aClosedPortIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SshTarget nowhere = new SshTarget("127.0.0.1", port, "beampipe", "test-slot");
        SshFailure failure = catchThrowableOfType(() -> connector.open(nowhere, credentials(clientKeys, knownHosts, null)),
                SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CONNECT);
        assertThat(failure.mayHaveRun()).isFalse();
        assertThat(failure.getMessage()).contains("cannot connect").contains("connection refused");
    }

    @Test
    void aClosedShellRefusesFurtherCommands() throws Exception {
        RemoteShell shell = open();
        shell.close();
        assertThat(shell.isOpen()).isFalse();
        assertThatThrownBy(() -> shell.exec("true", T)).isInstanceOf(SshFailure.class)
                .satisfies(e -> assertThat(((SshFailure) e).mayHaveRun()).isFalse());
    }
}
