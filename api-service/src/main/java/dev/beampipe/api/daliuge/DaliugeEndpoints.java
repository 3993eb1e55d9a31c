package dev.beampipe.api.daliuge;

import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;

import java.util.Optional;

/**
 * Where operator inspection goes (20-api §2.8): the TM is the profile's {@code translation.tm_url}, else
 * {@code BEAMPIPE_TM_URL}; the DIM is a REST profile's endpoint, else {@code BEAMPIPE_DIM_URL}. The TM is told the
 * DIM's address only when a REST profile gives both host and port.
 */
public record DaliugeEndpoints(String profile, String tmUrl, String dimUrl, String dimHostForTm, Long dimPortForTm) {
    public static DaliugeEndpoints of(Optional<StoredProfile> stored, String tmSetting, String dimSetting) {
        String profile = stored.map(p -> p.profile().name()).orElse(null);
        String tm = stored.map(p -> p.profile().translation().tmUrl()).filter(u -> !u.isBlank()).orElse(blankToNull(tmSetting));
        String dim = blankToNull(dimSetting);
        String host = null;
        Long port = null;
        if (stored.isPresent() && stored.get().profile().deployment() instanceof RestRemoteDeployment rest) {
            dim = rest.dimRestBase();
            host = rest.dimHostForTm() != null && !rest.dimHostForTm().isBlank() ? rest.dimHostForTm() : rest.deployHost();
            port = rest.dimPortForTm() != null ? rest.dimPortForTm() : rest.deployPort();
        }
        return new DaliugeEndpoints(profile, tm, dim, host, port);
    }

    /** {@code GET {tm}/api/submission_method}, with the DIM address only when both parts are known. */
    public String submissionMethodUrl() {
        String base = trimSlash(tmUrl) + "/api/submission_method";
        if (dimHostForTm == null || dimPortForTm == null) {
            return base;
        }
        return base + "?dlg_mgr_host=" + java.net.URLEncoder.encode(dimHostForTm, java.nio.charset.StandardCharsets.UTF_8)
                + "&dlg_mgr_port=" + dimPortForTm;
    }

    public String dim(String path) {
        return trimSlash(dimUrl) + path;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
