package dev.beampipe.model.slurm.ssh;

import java.util.Map;

/**
 * The remote user: profile {@code remote_user} → {@code SLURM_REMOTE_USER} → {@code USER} → {@code root}
 * (40-backends §4.1). One chain everywhere, so the preflight, submission and reconciliation agree on the target
 * fingerprint (the reference's preflight skips {@code USER}).
 */
public final class RemoteUser {
    private RemoteUser() {
    }

    public static String resolve(String profileUser, Map<String, String> env) {
        for (String candidate : new String[] {profileUser, env.get("SLURM_REMOTE_USER"), env.get("USER")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return "root";
    }
}
