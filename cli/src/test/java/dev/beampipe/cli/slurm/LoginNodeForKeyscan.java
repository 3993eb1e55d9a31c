package dev.beampipe.cli.slurm;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/** A real MINA SSH server with a fresh Ed25519 host key, enough for ssh-keyscan (no login is accepted). */
final class LoginNodeForKeyscan implements AutoCloseable {
    final SshServer server;
    final KeyPair hostKey;

    LoginNodeForKeyscan() throws IOException, GeneralSecurityException {
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> false);
        server.start();
    }

    int port() {
        return server.getPort();
    }

    String fingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
