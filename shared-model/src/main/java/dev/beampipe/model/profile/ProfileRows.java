package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;

import java.time.format.DateTimeFormatter;

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
        o.put("created_at", s.createdAt() == null ? null : s.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        o.put("updated_at", s.updatedAt() == null ? null : s.updatedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return o;
    }
}
