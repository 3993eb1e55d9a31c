package dev.beampipe.model.profile;

import java.util.List;
import java.util.Optional;

/**
 * Which profile the operator tools (scheduler status, DALiuGE inspection, diagnostics) use when none is named
 * (20-api §2.1): the global default (no project module), else the only default if there is exactly one, else none.
 */
public final class ProfileResolution {
    private ProfileResolution() {
    }

    public static Optional<StoredProfile> implicit(List<StoredProfile> profiles) {
        List<StoredProfile> defaults = profiles.stream().filter(p -> p.profile().isDefault()).toList();
        Optional<StoredProfile> global = defaults.stream().filter(p -> p.profile().projectModule() == null).findFirst();
        if (global.isPresent()) {
            return global;
        }
        return defaults.size() == 1 ? Optional.of(defaults.get(0)) : Optional.empty();
    }
}
