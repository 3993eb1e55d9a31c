package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ssh.SshTarget;

import java.util.Map;

/**
 * Who {@code slurm ping} logs in as (50-operations §1.2): with a profile, its host, port and slot, and the user
 * {@code remote_user} → {@code SLURM_REMOTE_USER} → {@code --user}; without one, {@code --host}, {@code --port}
 * (22), no slot, and the user {@code --user} → {@code SLURM_REMOTE_USER} → {@code USER}.
 */
public final class PingTarget {
    static final String USER_REQUIRED = "remote user required: set remote_user in the profile, SLURM_REMOTE_USER, or pass --user";

    private PingTarget() {
    }

    public static SshTarget ofProfile(SlurmRemoteDeployment d, String userFlag, Map<String, String> env) {
        String user = first(d.remoteUser(), env.get("SLURM_REMOTE_USER"), userFlag);
        return target(d.loginNode(), d.sshPort(), user, d.sshCredential());
    }

    public static SshTarget ofFlags(String host, Integer port, String userFlag, Map<String, String> env) {
        if (host == null || host.isBlank()) {
            throw new CliException("--host is required without --profile");
        }
        String user = first(userFlag, env.get("SLURM_REMOTE_USER"), env.get("USER"));
        return target(host, port == null ? SshTarget.DEFAULT_PORT : port, user, null);
    }

    private static SshTarget target(String host, long port, String user, String slot) {
        if (user == null) {
            throw new CliException(USER_REQUIRED);
        }
        if (port < 1 || port > 65535) {
            throw new CliException("the SSH port must be between 1 and 65535 (got " + port + ")");
        }
        try {
            return new SshTarget(host, (int) port, user, slot);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.trim();
            }
        }
        return null;
    }
}
