package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmConnectivity;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshTarget;

/** The Slurm connectivity test of a profile from the CLI process (40-backends §4.10), over one fresh SSH session. */
public final class SlurmStatus {
    private SlurmStatus() {
    }

    /** The target, then {@code commands}, {@code missing}, {@code sinfo_version}; missing Slurm commands are an error. */
    public static ObjectNode connectivity(SlurmRemoteDeployment d, OperatorEnvironment environment) {
        SshTarget target = LoginNode.target(d, environment.env());
        SshCredentials credentials = LoginNode.credentials(environment.env(), d.sshCredential());
        ObjectNode status = LoginNode.with(target, credentials, environment.env(), shell -> new SlurmConnectivity().status(shell));
        return withTarget(target, status);
    }

    /** {@code {connectivity, queue, capacity}} for {@code scheduler status}. */
    public static ObjectNode report(SlurmRemoteDeployment d, OperatorEnvironment environment) {
        SshTarget target = LoginNode.target(d, environment.env());
        SshCredentials credentials = LoginNode.credentials(environment.env(), d.sshCredential());
        return LoginNode.with(target, credentials, environment.env(), shell -> {
            SlurmConnectivity slurm = new SlurmConnectivity();
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("connectivity", withTarget(target, slurm.status(shell)));
            o.set("queue", slurm.queue(shell));
            o.set("capacity", slurm.capacity(shell));
            return o;
        });
    }

    private static ObjectNode withTarget(SshTarget target, ObjectNode status) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("target", target.display());
        o.put("ssh_credential", target.credentialSlot());
        o.put("authenticated", true);
        o.setAll(status);
        return o;
    }
}
