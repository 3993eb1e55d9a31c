package dev.beampipe.cli.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileFormatException;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * What {@code daliuge translate --execution ID} translates: the execution's latest inline {@code patched_graph}
 * artifact and the deployment profile pinned at creation (its snapshot, not today's profile).
 */
record PinnedTranslation(UUID executionId, DeploymentProfile profile, JsonNode patchedGraph, String patchedGraphSha256) {
    /** The snapshot keys that are the profile document; the others (id, revision, spec_sha256) describe the pin. */
    static final List<String> PROFILE_KEYS = List.of("name", "description", "project_module", "is_default",
            "max_concurrent_executions", "translation", "deployment");

    static PinnedTranslation load(Database db, UUID id) {
        JsonObject snapshot = db.sql().first("SELECT deployment_profile_snapshot FROM batch_execution_record WHERE uuid = $1",
                        r -> r.getValue(0) instanceof JsonObject o ? o : new JsonObject(), id)
                .orElseThrow(() -> new CliException("execution " + id + " not found"));
        if (!snapshot.containsKey("deployment")) {
            throw new CliException("execution " + id + " has no pinned deployment profile");
        }
        JsonObject artifact = db.sql().first("SELECT inline_json, sha256 FROM execution_artifacts WHERE execution_id = $1 "
                                + "AND kind = 'patched_graph' AND inline_json IS NOT NULL ORDER BY created_at DESC, uuid DESC LIMIT 1",
                        r -> new JsonObject().put("graph", r.getValue(0)).put("sha256", r.getString(1)), id)
                .orElseThrow(() -> new CliException("execution " + id + " has no persisted patched_graph artifact "
                        + "(the execute job stores it once the graph is prepared)"));
        JsonObject document = new JsonObject();
        PROFILE_KEYS.forEach(k -> {
            if (snapshot.containsKey(k) && snapshot.getValue(k) != null) {
                document.put(k, snapshot.getValue(k));
            }
        });
        if (!document.containsKey("name")) {
            document.put("name", "pinned");
        }
        DeploymentProfile profile;
        try {
            profile = ProfileBinder.bind(CommandOutput.tree(document));
        } catch (ProfileFormatException e) {
            throw new CliException("execution " + id + " has an unreadable pinned profile: " + e.getMessage());
        }
        Object graph = artifact.getValue("graph");
        JsonNode tree = graph instanceof JsonObject o ? CommandOutput.tree(o)
                : CommandOutput.tree(new JsonObject().put("g", graph)).get("g");
        return new PinnedTranslation(id, profile, tree, artifact.getString("sha256"));
    }
}
