package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;

/** Installed deployment profiles as the Slurm commands need them. */
public final class SlurmProfiles {
    private SlurmProfiles() {
    }

    public static StoredProfile named(OperatorEnvironment environment, String name) {
        try (Database db = environment.openDatabase()) {
            return new ProfileStore(db, StableJson::sha256).byName(name)
                    .orElseThrow(() -> new CliException("deployment profile '" + name + "' does not exist"));
        }
    }

    /** The profile's Slurm deployment, or "profile is not slurm_remote". */
    public static SlurmRemoteDeployment slurm(StoredProfile stored) {
        if (stored.profile().deployment() instanceof SlurmRemoteDeployment slurm) {
            return slurm;
        }
        throw new CliException("profile is not slurm_remote: '" + stored.profile().name() + "' is a "
                + stored.profile().deployment().kind() + " profile");
    }
}
