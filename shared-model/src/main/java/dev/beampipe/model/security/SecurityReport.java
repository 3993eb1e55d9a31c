package dev.beampipe.model.security;

import java.util.List;

/** The output of {@code beampipe security check}: {@code {ok, beampipe_env, slurm_ssh_configured, issues[]}}. */
public record SecurityReport(boolean ok, String beampipeEnv, boolean slurmSshConfigured, List<String> issues) {
}
