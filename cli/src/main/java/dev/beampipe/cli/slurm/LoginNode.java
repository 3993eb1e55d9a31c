package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.slurm.ssh.SshTimeouts;

import java.util.HashMap;
import java.util.Map;

/**
 * SSH from the CLI process to a login node: one fresh session per command (40-backends §4.1), credentials resolved
 * as the services resolve them, except that the credential root is the one the {@code slurm credentials} commands
 * write to (so a slot made by {@code credentials init} is found without further setup). Every SSH failure becomes
 * an operator error carrying the classified message (which never contains key material).
 */
public final class LoginNode {
    /** Work on an open session. */
    public interface Work<T> {
        T run(RemoteShell shell) throws SshFailure, InterruptedException;
    }

    private LoginNode() {
    }

    /** The environment with {@code BEAMPIPE_SSH_CREDENTIALS_DIR} set to the commands' credential root. */
    public static Map<String, String> credentialEnv(Map<String, String> env) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("BEAMPIPE_SSH_CREDENTIALS_DIR", CredentialRoot.forCommands(null, env).toString());
        return copy;
    }

    public static SshCredentials credentials(Map<String, String> env, String slot) {
        try {
            return new SshCredentialResolver(credentialEnv(env)).resolve(slot);
        } catch (SshFailure e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The profile's target with the services' user chain (remote_user → SLURM_REMOTE_USER → USER → root). */
    public static SshTarget target(SlurmRemoteDeployment d, Map<String, String> env) {
        try {
            return SshTarget.of(d, env);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    public static <T> T with(SshTarget target, SshCredentials credentials, Map<String, String> env, Work<T> work) {
        try (SshConnector connector = new SshConnector(SshTimeouts.fromEnv(env));
             RemoteShell shell = connector.open(target, credentials)) {
            return work.run(shell);
        } catch (SshFailure e) {
            throw new CliException(e.getMessage());
        } catch (SlurmCommandException e) {
            throw new CliException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
