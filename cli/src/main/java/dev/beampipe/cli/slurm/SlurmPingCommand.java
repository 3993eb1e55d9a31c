package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.slurm.ops.SlurmConnectivity;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code beampipe slurm ping [--profile NAME | --host H --user U --port P]} (40-backends §4.12): logs in with the
 * profile's credential slot (or the global key), runs {@code squeue -u $USER -h | head -3} (must succeed) and
 * {@code sacct … | head -3} (a failure is reported in its output). An unknown or changed host key, a refused key or
 * an unreachable node is an error with the SSH client's message, exit 1.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Log in to a Slurm login node and run squeue and sacct.")
public class SlurmPingCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", description = "A slurm_remote deployment profile (host, port, slot, remote_user).")
    String profile;
    @Option(names = "--host", description = "Login node (without --profile).")
    String host;
    @Option(names = "--user", description = "Remote user (fallback after the profile's remote_user and SLURM_REMOTE_USER).")
    String user;
    @Option(names = "--port", description = "SSH port (default 22).")
    Integer port;

    @ParentCommand
    SlurmCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OperatorEnvironment environment = parent.environment;
        SshTarget target = profile != null
                ? PingTarget.ofProfile(SlurmProfiles.slurm(SlurmProfiles.named(environment, profile)), user, environment.env())
                : PingTarget.ofFlags(host, port, user, environment.env());
        CommandOutput.json(spec, ping(target, environment));
        return 0;
    }

    /** {@code {target, transport, squeue_stdout, sacct_stdout}}. */
    static ObjectNode ping(SshTarget target, OperatorEnvironment environment) {
        SshCredentials credentials = LoginNode.credentials(environment.env(), target.credentialSlot());
        JsonNode remote = LoginNode.with(target, credentials, environment.env(), shell -> new SlurmConnectivity().ping(shell));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("target", target.user() + "@" + target.host());
        o.put("transport", SlurmConnectivity.TRANSPORT);
        o.put("squeue_stdout", remote.path("squeue_stdout").asText(""));
        o.put("sacct_stdout", remote.path("sacct_stdout").asText(""));
        return o;
    }
}
