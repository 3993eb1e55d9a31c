package dev.beampipe.model.profile;

import java.util.Optional;
import java.util.regex.Pattern;

/** {@code DeploymentProfile::validate}: the first failing rule, messages verbatim (40-backends §1.5). */
public final class ProfileValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,50}");

    private ProfileValidator() {
    }

    public static Optional<String> validate(DeploymentProfile p) {
        if (p.name() == null || p.name().isBlank() || !NAME.matcher(p.name()).matches()) {
            return Optional.of("name must be 1-50 ASCII letters, digits, '.', '_', or '-'");
        }
        if (p.translation().numPar() < 1) {
            return Optional.of("translation.num_par must be >= 1");
        }
        if (p.maxConcurrentExecutions() != null && p.maxConcurrentExecutions() < 1) {
            return Optional.of("max_concurrent_executions must be >= 1 when set");
        }
        if (p.translation().numIslands() < 0) {
            return Optional.of("translation.num_islands must be >= 0");
        }
        if (p.deployment() instanceof RestRemoteDeployment r) {
            return rest(r);
        }
        return slurm((SlurmRemoteDeployment) p.deployment());
    }

    /** The credential slot-name rule (also used for slot directories). */
    public static boolean validSlotName(String slot) {
        String s = slot.trim();
        return !s.isEmpty() && s.length() <= 50 && !s.contains("..") && NAME.matcher(s).matches();
    }

    private static Optional<String> rest(RestRemoteDeployment r) {
        if (r.dimPortForTm() != null && !port(r.dimPortForTm())) {
            return Optional.of("deployment.dim_port_for_tm must be 1-65535");
        }
        if (r.deployPort() != null && !port(r.deployPort())) {
            return Optional.of("deployment.deploy_port must be 1-65535");
        }
        if (blank(r.deployHost())) {
            return Optional.of("deployment.deploy_host is required");
        }
        return Optional.empty();
    }

    private static Optional<String> slurm(SlurmRemoteDeployment s) {
        if (blank(s.loginNode())) {
            return Optional.of("deployment.login_node is required");
        }
        if (s.sshCredential() != null && !validSlotName(s.sshCredential())) {
            return Optional.of("deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'");
        }
        if (!port(s.sshPort())) {
            return Optional.of("deployment.ssh_port must be 1-65535");
        }
        if (blank(s.dlgRoot())) {
            return Optional.of("deployment.dlg_root is required");
        }
        if (s.dlgRoot().trim().chars().allMatch(c -> c == '/')) {
            return Optional.of("deployment.dlg_root must be a dedicated directory, not the remote filesystem root");
        }
        if (blank(s.account())) {
            return Optional.of("deployment.account is required");
        }
        for (String[] field : new String[][]{{"deployment.home_dir", s.homeDir()}, {"deployment.log_dir", s.logDir()},
                {"deployment.dlg_root", s.dlgRoot()}}) {
            if (!field[1].startsWith("/")) {
                return Optional.of(field[0] + " must be an absolute remote path");
            }
        }
        if (s.effectiveNodes() < 1) {
            return Optional.of("deployment.resources.nodes must be >= 1");
        }
        if (s.effectiveIslands() < 1) {
            return Optional.of("deployment.manager_topology.islands must be >= 1");
        }
        if (s.effectiveWallTimeMinutes() < 1) {
            return Optional.of("deployment.resources.wall_time_minutes must be >= 1");
        }
        SlurmRemoteDeployment.Resources r = s.resources();
        if (r.tasks() != null && r.tasks() < 1) {
            return Optional.of("deployment.resources.tasks must be >= 1");
        }
        if (r.cpusPerTask() != null && r.cpusPerTask() < 1) {
            return Optional.of("deployment.resources.cpus_per_task must be >= 1");
        }
        for (String[] field : new String[][]{{"deployment.resources.partition", r.partition()},
                {"deployment.resources.memory", r.memory()}, {"deployment.resources.constraint", r.constraint()},
                {"deployment.resources.quality_of_service", r.qualityOfService()}}) {
            if (field[1] != null && field[1].isBlank()) {
                return Optional.of(field[0] + " must not be empty when set");
            }
        }
        if (s.managerTopology().nodes() != null && s.managerTopology().nodes() < 1) {
            return Optional.of("deployment.manager_topology.nodes must be >= 1");
        }
        return Optional.empty();
    }

    private static boolean port(long p) {
        return p >= 1 && p <= 65535;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
