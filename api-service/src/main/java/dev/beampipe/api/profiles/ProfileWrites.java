package dev.beampipe.api.profiles;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileConflictException;
import dev.beampipe.model.profile.ProfileJson;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Profile writes after the body is bound: the validator's rules (400), the production inline-secret gate on
 * {@code translation} and {@code deployment} separately (§5.2), then the store, whose invariant violations
 * (second default, duplicate name, profile still referenced) are 409 with their message.
 */
final class ProfileWrites {
    private final ProfileStore store;
    private final InlineSecretGate secrets;

    ProfileWrites(ProfileStore store, InlineSecretGate secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    StoredProfile create(DeploymentProfile p) {
        checked(p);
        return guarded(() -> store.create(p));
    }

    Optional<StoredProfile> replace(UUID id, DeploymentProfile p) {
        checked(p);
        return guarded(() -> store.update(id, p));
    }

    boolean delete(UUID id) {
        return guarded(() -> store.delete(id));
    }

    private void checked(DeploymentProfile p) {
        ProfileRequests.validate(p);
        secrets.check("deployment_profile.translation", ProfileJson.translation(p.translation()));
        secrets.check("deployment_profile.deployment", ProfileJson.deployment(p.deployment()));
    }

    private static <T> T guarded(Supplier<T> write) {
        try {
            return write.get();
        } catch (ProfileConflictException e) {
            throw ApiErrors.conflict(e.getMessage());
        }
    }
}
