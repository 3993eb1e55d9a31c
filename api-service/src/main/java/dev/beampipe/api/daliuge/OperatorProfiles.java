package dev.beampipe.api.daliuge;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.profile.ProfileResolution;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;

import java.util.Optional;

/** The {@code ?profile=} lookup shared by the scheduler, DALiuGE and diagnostics endpoints. */
public final class OperatorProfiles {
    private final ProfileStore store;

    public OperatorProfiles(ProfileStore store) {
        this.store = store;
    }

    /** A named profile (404 when missing), else the implicit default, else empty. */
    public Optional<StoredProfile> resolve(String name) {
        if (name != null) {
            return Optional.of(store.byName(name).orElseThrow(ApiErrors::notFound));
        }
        return ProfileResolution.implicit(store.list());
    }

    /** Like {@link #resolve} but an unknown name is ignored, as {@code /diagnostics} does. */
    public Optional<StoredProfile> resolveLeniently(String name) {
        Optional<StoredProfile> named = name == null ? Optional.empty() : store.byName(name);
        return named.isPresent() ? named : ProfileResolution.implicit(store.list());
    }
}
