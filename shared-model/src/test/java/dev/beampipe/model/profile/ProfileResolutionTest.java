package dev.beampipe.model.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileResolutionTest {
    static StoredProfile profile(String name, String module, boolean isDefault) {
        DeploymentProfile p = new DeploymentProfile(name, null, module, isDefault, null, new Translation("metis", 1, 0, null),
                new RestRemoteDeployment(null, null, "dim", 8001L, false, true));
        return new StoredProfile(UUID.randomUUID(), p, 1, null, null, null);
    }

    @Test
    void theGlobalDefaultWins() {
        StoredProfile global = profile("g", null, true);
        assertThat(ProfileResolution.implicit(List.of(profile("m", "wallaby", true), global, profile("x", null, false))))
                .contains(global);
    }

    @Test
    void aSingleModuleDefaultIsUsed() {
        StoredProfile only = profile("m", "wallaby", true);
        assertThat(ProfileResolution.implicit(List.of(profile("x", null, false), only))).contains(only);
    }

    @Test
    void twoModuleDefaultsOrNoneResolveToNothing() {
        assertThat(ProfileResolution.implicit(List.of(profile("a", "m1", true), profile("b", "m2", true)))).isEmpty();
        assertThat(ProfileResolution.implicit(List.of(profile("x", null, false)))).isEmpty();
        assertThat(ProfileResolution.implicit(List.of())).isEmpty();
    }
}
