package dev.beampipe.api.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.profile.ProfileRows;
import dev.beampipe.model.profile.StoredProfile;

import java.time.OffsetDateTime;

/**
 * {@code DeploymentProfileResponse}: the model's row JSON (translation and deployment redacted with the allowlist,
 * so {@code ssh_credential} is shown), timestamps as RFC 3339 UTC with 0/3/6/9 fraction digits like the API's
 * other timestamps.
 */
final class ProfileResponses {
    private ProfileResponses() {
    }

    static ObjectNode of(StoredProfile stored) {
        ObjectNode o = ProfileRows.toJson(stored);
        o.put("created_at", rfc3339(stored.createdAt()));
        o.put("updated_at", rfc3339(stored.updatedAt()));
        return o;
    }

    private static String rfc3339(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
