package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host-key decision for one connection attempt, carried in the connection context so one shared
 * {@code SshClient} serves targets with different known_hosts files. Rejections are remembered so the caller
 * can report them instead of MINA's generic "server key did not validate". Never writes known_hosts.
 */
final class HostKeyCheck {
    static final AttributeRepository.AttributeKey<HostKeyCheck> KEY = new AttributeRepository.AttributeKey<>();

    /** The client-wide verifier: delegates to the connection's check, rejects when there is none. */
    static final ServerKeyVerifier VERIFIER = HostKeyCheck::verify;

    private final SshTarget target;
    private final SshCredentials credentials;
    private final AtomicReference<String> rejection = new AtomicReference<>();

    HostKeyCheck(SshTarget target, SshCredentials credentials) {
        this.target = target;
        this.credentials = credentials;
    }

    private static boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyCheck check = context == null ? null : context.getAttribute(KEY);
        return check != null && check.accept(key);
    }

    boolean accept(PublicKey key) {
        KnownHosts.Verdict verdict = credentials.hostKeys().verdict(target.host(), target.port(), key);
        if (verdict == KnownHosts.Verdict.MATCH) {
            return true;
        }
        String offered = KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
        String where = "[" + target.host() + "]:" + target.port();
        rejection.set(verdict == KnownHosts.Verdict.MISMATCH
                ? "host key verification failed for " + where + ": the server offered " + offered
                        + " which does not match known_hosts " + credentials.knownHostsDisplay()
                        + " (the host key changed, or this is not the expected server)"
                : "host key verification failed for " + where + ": the server offered " + offered
                        + " but " + target.knownHostsName() + " is not in known_hosts " + credentials.knownHostsDisplay());
        return false;
    }

    /** The reason the host key was refused, if it was. */
    String rejection() {
        return rejection.get();
    }
}
