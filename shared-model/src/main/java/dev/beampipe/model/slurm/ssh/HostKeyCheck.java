package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host-key decision for one connection attempt, carried in the connection context so one shared
 * {@code SshClient} serves targets with different known_hosts files. Rejections are remembered so the caller
 * can report them instead of MINA's generic "server key did not validate". Never writes known_hosts.
 *
 * <p>The server proves the host key of the first host-key algorithm in the client's list that it also holds, so a
 * server with both an ed25519 and an RSA key would prove ed25519 under MINA's default order even when known_hosts
 * records only its RSA key. Before the key exchange each session therefore asks first for the key types known_hosts
 * lists for its target (as JGit's sshd transport does).
 */
final class HostKeyCheck {
    static final AttributeRepository.AttributeKey<HostKeyCheck> KEY = new AttributeRepository.AttributeKey<>();

    /** The client-wide verifier: delegates to the connection's check, rejects when there is none. */
    static final ServerKeyVerifier VERIFIER = HostKeyCheck::verify;

    /** Client-wide listener: reorders each new session's host-key algorithms before its first KEXINIT. */
    static final SessionListener PREFER_KNOWN_KEY_TYPES = new SessionListener() {
        @Override
        public void sessionCreated(Session session) {
            if (session instanceof ClientSession client) {
                AttributeRepository context = client.getConnectionContext();
                HostKeyCheck check = context == null ? null : context.getAttribute(KEY);
                if (check != null) {
                    client.setSignatureFactories(preferKnown(client.getSignatureFactories(),
                            check.credentials.hostKeys().keyTypes(check.target.host(), check.target.port())));
                }
            }
        }
    };

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

    /**
     * {@code available} with the plain (non-certificate) algorithms for {@code knownKeyTypes} moved to the front, each
     * group in its original order ({@code rsa-sha2-512}, {@code rsa-sha2-256} and {@code ssh-rsa} all prove an
     * {@code ssh-rsa} key). Nothing is dropped: with no known type the order is unchanged, and a server holding none
     * of the known types still gets to offer its key, which is then refused with a clear host-key message instead of
     * an unexplained negotiation failure.
     */
    static <F extends NamedResource> List<F> preferKnown(List<F> available, Collection<String> knownKeyTypes) {
        List<F> known = new ArrayList<>();
        List<F> others = new ArrayList<>();
        for (F algorithm : available) {
            String name = algorithm.getName();
            boolean proves = !KeyUtils.isCertificateAlgorithm(name) && knownKeyTypes.contains(KeyUtils.getCanonicalKeyType(name));
            (proves ? known : others).add(algorithm);
        }
        known.addAll(others);
        return known;
    }

    /** The reason the host key was refused, if it was. */
    String rejection() {
        return rejection.get();
    }
}
