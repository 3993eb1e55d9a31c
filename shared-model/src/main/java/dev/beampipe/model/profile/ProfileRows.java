package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;

import java.time.OffsetDateTime;

/** {@code DeploymentProfileResponse}: the stored row as operators see it, secrets redacted (allowlist rules). */
public final class ProfileRows {
    private ProfileRows() {
    }

    public static ObjectNode toJson(StoredProfile s) {
        DeploymentProfile p = s.profile();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("uuid", s.id().toString());
        o.put("name", p.name());
        o.put("description", p.description());
        o.put("project_module", p.projectModule());
        o.put("is_default", p.isDefault());
        if (p.maxConcurrentExecutions() == null) {
            o.putNull("max_concurrent_executions");
        } else {
            o.put("max_concurrent_executions", p.maxConcurrentExecutions());
        }
        o.put("revision", s.revision());
        o.put("spec_sha256", s.specSha256());
        o.set("translation", Redaction.value(ProfileJson.translation(p.translation())));
        o.set("deployment", Redaction.value(ProfileJson.deployment(p.deployment())));
        o.put("created_at", rfc3339(s.createdAt()));
        o.put("updated_at", rfc3339(s.updatedAt()));
        return o;
    }

    /** RFC 3339 in UTC with {@code Z} and 0/3/6/9 fraction digits, like every API timestamp. */
    static String rfc3339(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
