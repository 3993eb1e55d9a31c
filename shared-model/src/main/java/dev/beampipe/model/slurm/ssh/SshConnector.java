package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;

/**
 * Opens SSH sessions to login nodes with one shared MINA client: public-key authentication only (no agent, no
 * password, no keyboard-interactive, no {@code ~/.ssh/config} or default identities), host keys verified against
 * the credential's known_hosts, bounded connect and authentication.
 */
public final class SshConnector implements AutoCloseable {
    private final SshClient client;
    private final SshTimeouts timeouts;

    public SshConnector(SshTimeouts timeouts) {
        this.timeouts = timeouts;
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(HostKeyCheck.VERIFIER);
        client.addSessionListener(HostKeyCheck.PREFER_KNOWN_KEY_TYPES);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setUserInteraction(null);
        client.setAgentFactory(null);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeouts.idle());
        client.start();
    }

    public SshTimeouts timeouts() {
        return timeouts;
    }

    public RemoteShell open(SshTarget target, SshCredentials credentials) throws SshFailure, InterruptedException {
        KeyPair keyPair = loadKey(credentials);
        HostKeyCheck check = new HostKeyCheck(target, credentials);
        ClientSession session = connect(target, check);
        try {
            session.addPublicKeyIdentity(keyPair);
            AuthFuture auth = session.auth();
            if (!auth.await(timeouts.auth())) {
                throw hostKeyOr(check, new SshFailure(SshFailure.Kind.TIMEOUT, "SSH handshake with "
                        + target.display() + " timed out after " + timeouts.auth().toSeconds() + "s"));
            }
            if (!auth.isSuccess()) {
                throw hostKeyOr(check, authFailure(target, credentials, auth.getException()));
            }
            return new MinaRemoteShell(target, session);
        } catch (InterruptedIOException e) {
            session.close(true);
            throw interrupted();
        } catch (IOException e) {
            session.close(true);
            throw hostKeyOr(check, authFailure(target, credentials, e));
        } catch (SshFailure | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    private ClientSession connect(SshTarget target, HostKeyCheck check) throws SshFailure, InterruptedException {
        ConnectFuture future = null;
        try {
            future = client.connect(target.user(), target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.KEY, check));
            if (!future.await(timeouts.connect())) {
                future.cancel();
                throw new SshFailure(SshFailure.Kind.CONNECT, "cannot connect to " + target.display() + ": connect timed out after "
                        + timeouts.connect().toSeconds() + "s");
            }
            if (future.getException() != null) {
                throw connectFailure(target, future.getException());
            }
            return future.getSession();
        } catch (InterruptedIOException e) {
            if (future != null) {
                future.cancel();
            }
            throw interrupted();
        } catch (IOException | UnresolvedAddressException e) {
            throw connectFailure(target, e);
        }
    }

    private static SshFailure connectFailure(SshTarget target, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason;
        if (root instanceof ConnectException) {
            reason = "connection refused";
        } else if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            reason = "unknown host " + target.host();
        } else if (root instanceof NoRouteToHostException) {
            reason = "no route to host";
        } else {
            reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        return new SshFailure(SshFailure.Kind.CONNECT, "cannot connect to " + target.display() + ": " + reason, false, null);
    }

    private static SshFailure authFailure(SshTarget target, SshCredentials credentials, Throwable error) {
        String detail = error == null || error.getMessage() == null ? "" : error.getMessage();
        if (detail.toLowerCase().contains("auth") || error == null) {
            return new SshFailure(SshFailure.Kind.AUTHENTICATION, "SSH authentication failed for " + target.display()
                    + ": the server did not accept the public key of "
                    + (credentials.slot() == null ? "the global Slurm SSH key" : "credential '" + credentials.slot() + "'")
                    + " (is it in the remote user's authorized_keys?)");
        }
        return new SshFailure(SshFailure.Kind.CONNECT, "SSH connection to " + target.display()
                + " failed during the handshake: " + detail, false, null);
    }

    private static SshFailure hostKeyOr(HostKeyCheck check, SshFailure otherwise) {
        String rejection = check.rejection();
        return rejection == null ? otherwise : new SshFailure(SshFailure.Kind.HOST_KEY, rejection);
    }

    /** Loads the key pair; the messages name the source, never the key text or passphrase. */
    static KeyPair loadKey(SshCredentials credentials) throws SshFailure {
        String label = credentials.slot() == null ? "the global Slurm SSH key" : "credential '" + credentials.slot() + "'";
        FilePasswordProvider passwords = credentials.passphrase()
                .map(p -> FilePasswordProvider.of(new String(p.value())))
                .orElse(FilePasswordProvider.EMPTY);
        try (InputStream in = open(credentials.key())) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(label), in, passwords);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new SshFailure(SshFailure.Kind.CREDENTIALS, "no private key found in the " + credentials.key().describe()
                        + " of " + label + " (expected an OpenSSH or PEM private key)");
            }
            return it.next();
        } catch (SshFailure e) {
            throw e;
        } catch (Exception e) {
            throw new SshFailure(SshFailure.Kind.CREDENTIALS, "cannot load the " + credentials.key().describe() + " of " + label
                    + ": wrong or missing passphrase, or not an OpenSSH/PEM private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static InputStream open(KeySource key) throws IOException {
        if (key instanceof KeySource.Inline inline) {
            return new ByteArrayInputStream(inline.text().getBytes(StandardCharsets.UTF_8));
        }
        return Files.newInputStream(((KeySource.KeyFile) key).path());
    }

    static InterruptedException interrupted() {
        return new InterruptedException("interrupted while talking SSH");
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException ignored) {
            // best effort on shutdown
        }
    }
}
