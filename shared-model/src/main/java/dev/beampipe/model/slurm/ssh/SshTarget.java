package dev.beampipe.model.slurm.ssh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.SlurmRemoteDeployment;

import java.util.Map;

/**
 * Where Slurm commands run: {@code (login_node, ssh_port, remote_user, credential_slot)} (40-backends §4.1). The
 * slot is part of the identity (pooling key and fingerprint). Ports outside 1..65535 are rejected, not clamped.
 */
public record SshTarget(String host, int port, String user, String credentialSlot) {
    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("deployment.login_node must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(portMessage(port));
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the SSH remote user must not be empty");
        }
        host = host.trim();
        user = user.trim();
        credentialSlot = credentialSlot == null || credentialSlot.isBlank() ? null : credentialSlot.trim();
    }

    /** The profile's target; the user follows {@link RemoteUser#resolve}. */
    public static SshTarget of(SlurmRemoteDeployment d, Map<String, String> env) {
        long port = d.sshPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(portMessage(port));
        }
        return new SshTarget(d.loginNode(), (int) port, RemoteUser.resolve(d.remoteUser(), env), d.sshCredential());
    }

    private static String portMessage(long port) {
        return "deployment.ssh_port must be between 1 and 65535 (got " + port + ")";
    }

    /** SHA-256 hex of the stable (key-sorted, compact) JSON of the four identity fields; a missing slot is JSON null. */
    public String fingerprint() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("credential_slot", credentialSlot);
        node.put("login_node", host);
        node.put("remote_user", user);
        node.put("ssh_port", port);
        return StableJson.sha256(node);
    }

    /** {@code user@host:port}. */
    public String display() {
        return user + "@" + host + ":" + port;
    }

    /** The known_hosts form of the host: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }
}
