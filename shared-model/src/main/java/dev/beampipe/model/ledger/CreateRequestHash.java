package dev.beampipe.model.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;

/**
 * {@code create_request_sha256} (20-api §1.8): SHA-256 of the sorted-key compact serde JSON of
 * {@code {archive_name, deployment_profile_id, deployment_profile_name, project_module, sources:[{sbids, source_identifier}]}}
 * with trimmed strings, source order kept, {@code sbids} always present ({@code null} when absent). Byte-exact with
 * the reference so rows it created can be replayed after cut-over.
 */
public final class CreateRequestHash {
    private CreateRequestHash() {
    }

    public static String sha256(ExecutionRequest request) {
        return StableJson.sha256(canonical(request));
    }

    static ObjectNode canonical(ExecutionRequest request) {
        ExecutionRequest r = request.trimmed();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("archive_name", r.archiveName());
        root.put("deployment_profile_id", r.deploymentProfileId() == null ? null : r.deploymentProfileId().toString());
        root.put("deployment_profile_name", r.deploymentProfileName());
        root.put("project_module", r.projectModule());
        ArrayNode sources = root.putArray("sources");
        for (SourceSelection s : r.sources()) {
            ObjectNode o = sources.addObject();
            if (s.sbids() == null) {
                o.putNull("sbids");
            } else {
                ArrayNode sbids = o.putArray("sbids");
                s.sbids().forEach(sbids::add);
            }
            o.put("source_identifier", s.sourceIdentifier());
        }
        return root;
    }
}
