package dev.beampipe.model.daliuge;

import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;

import java.util.Optional;

/**
 * Where operator inspection goes (20-api §2.8, 50-operations §1.2 {@code daliuge …}): the TM is the profile's
 * {@code translation.tm_url}, else {@code BEAMPIPE_TM_URL}; the DIM is a REST profile's endpoint, else
 * {@code BEAMPIPE_DIM_URL}. The TM is told the DIM's address ({@code dim_host_for_tm} else {@code deploy_host},
 * {@code dim_port_for_tm} else {@code deploy_port}) only when a REST profile gives both.
 */
public record DaliugeEndpoints(String profile, String tmUrl, String dimUrl, String dimHostForTm, Long dimPortForTm,
                               boolean verifySsl) {

    public static DaliugeEndpoints of(Optional<StoredProfile> stored, String tmSetting, String dimSetting) {
        String profile = stored.map(p -> p.profile().name()).orElse(null);
        String tm = stored.map(p -> p.profile().translation().tmUrl()).filter(u -> u != null && !u.isBlank())
                .orElse(blankToNull(tmSetting));
        String dim = blankToNull(dimSetting);
        String host = null;
        Long port = null;
        boolean verifySsl = true;
        if (stored.isPresent() && stored.get().profile().deployment() instanceof RestRemoteDeployment rest) {
            dim = rest.dimRestBase();
            host = rest.dimHostForTm() != null && !rest.dimHostForTm().isBlank() ? rest.dimHostForTm() : rest.deployHost();
            port = rest.dimPortForTm() != null ? rest.dimPortForTm() : rest.deployPort();
            verifySsl = rest.verifySsl();
        }
        return new DaliugeEndpoints(profile, tm, dim, host, port, verifySsl);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
