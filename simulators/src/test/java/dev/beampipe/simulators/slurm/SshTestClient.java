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

/** A MINA SSH client for the tests: one cached session per node, one channel per exec, host key pinned, ed25519 user key. */
final class SshTestClient implements AutoCloseable {

    /** exitStatus null = none was received; closed = the channel/connection was closed. */
    record Result(Integer exitStatus, String stdout, String stderr, boolean closed) {
    }

    private final SshClient client;
    private final KeyPair userKey;
    private volatile PublicKey expectedHostKey;
    private final java.util.Map<String, ClientSession> sessions = new java.util.HashMap<>();

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
        ClientSession session = session(node);
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
            Result result = new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), events.contains(ClientChannelEvent.CLOSED));
            if (result.exitStatus() == null) {
                forgetSessions();   // a dropped or stuck exchange: never reuse that session
            }
            return result;
        }
    }

    /** One cached session per node (like a real client's pool); a closed one is replaced. */
    private synchronized ClientSession session(FakeLoginNode node) throws IOException {
        String key = node.host() + ":" + node.port() + ":" + System.identityHashCode(node);
        ClientSession cached = sessions.get(key);
        if (cached != null && cached.isOpen() && !cached.isClosing()) {
            return cached;
        }
        ClientSession session = client.connect("alice", node.host(), node.port())
                .verify(Duration.ofSeconds(10)).getSession();
        try {
            session.addPublicKeyIdentity(userKey);
            session.auth().verify(Duration.ofSeconds(10));
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
        sessions.put(key, session);
        return session;
    }

    /** Forgets cached sessions (after a host key change). */
    synchronized void forgetSessions() {
        sessions.values().forEach(s -> s.close(true));
        sessions.clear();
    }

    @Override
    public void close() {
        forgetSessions();
        client.stop();
    }
}
