package dev.beampipe.api.profiles;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.errors.DatabaseFailures;
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
 * {@code translation} and {@code deployment} separately (§5.2), then the store. Invariant violations are 409 with
 * a message, whether the store's own checks or PostgreSQL (a concurrent duplicate name, an execution still
 * referencing the profile) notice them; the latter are recognised by SQLSTATE.
 */
final class ProfileWrites {
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String REFERENCED = "deployment profile is referenced by executions and cannot be deleted";

    private final ProfileStore store;
    private final InlineSecretGate secrets;

    ProfileWrites(ProfileStore store, InlineSecretGate secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    StoredProfile create(DeploymentProfile p) {
        checked(p);
        return guarded(() -> store.create(p), "deployment profile '" + p.name() + "' already exists");
    }

    Optional<StoredProfile> replace(UUID id, DeploymentProfile p) {
        checked(p);
        return guarded(() -> store.update(id, p), "deployment profile '" + p.name() + "' already exists");
    }

    boolean delete(UUID id) {
        return guarded(() -> store.delete(id), REFERENCED);
    }

    private void checked(DeploymentProfile p) {
        ProfileRequests.validate(p);
        secrets.check("deployment_profile.translation", ProfileJson.translation(p.translation()));
        secrets.check("deployment_profile.deployment", ProfileJson.deployment(p.deployment()));
    }

    private static <T> T guarded(Supplier<T> write, String constraintMessage) {
        try {
            return write.get();
        } catch (ProfileConflictException e) {
            throw ApiErrors.conflict(e.getMessage());
        } catch (RuntimeException e) {
            String state = DatabaseFailures.sqlState(e).orElse("");
            if (state.equals(UNIQUE_VIOLATION) || state.equals(FOREIGN_KEY_VIOLATION)) {
                throw ApiErrors.conflict(constraintMessage);
            }
            throw e;
        }
    }
}
