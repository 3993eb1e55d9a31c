package dev.beampipe.simulators.slurm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/** A MINA SSH client for the tests: one session per exec, host key pinned, ed25519 user key. */
final class SshTestClient implements AutoCloseable {

    /** exitStatus null = none was received; closed = the channel/connection was closed. */
    record Result(Integer exitStatus, String stdout, String stderr, boolean closed) {
    }

    private final SshClient client;
    private final KeyPair userKey;
    private volatile PublicKey expectedHostKey;

    SshTestClient(PublicKey expectedHostKey) {
        this.expectedHostKey = expectedHostKey;
        this.userKey = newKey();
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(this.expectedHostKey, key));
        client.start();
    }

    static KeyPair newKey() {
        try {
            return SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyLine() {
        return PublicKeyEntry.toString(userKey.getPublic()) + " test@beampipe";
    }

    void expectHostKey(PublicKey key) {
        this.expectedHostKey = key;
    }

    Result exec(FakeLoginNode node, String command) throws IOException {
        return exec(node, command, null, Duration.ofSeconds(20));
    }

    Result exec(FakeLoginNode node, String command, byte[] stdin, Duration timeout) throws IOException {
        try (ClientSession session = client.connect("alice", node.host(), node.port())
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPublicKeyIdentity(userKey);
            session.auth().verify(Duration.ofSeconds(10));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                if (stdin != null) {
                    channel.setIn(new ByteArrayInputStream(stdin));
                }
                channel.open().verify(Duration.ofSeconds(10));
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8), events.contains(ClientChannelEvent.CLOSED));
            }
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
