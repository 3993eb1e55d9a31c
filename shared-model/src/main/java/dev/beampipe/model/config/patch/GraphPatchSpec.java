package dev.beampipe.model.config.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.GraphPatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code graph_patches[]} entry of the project config (30-project-config §2.9), shaped so the typed
 * config model maps onto it directly: {@code match.kind} (only {@code node_name} is valid; it does not
 * change run-time matching), {@code match.equals} (the node {@code name}), and {@code set} (field name →
 * literal JSON value, or a {@code $count(…)}/{@code $sum(…)} string).
 */
public record GraphPatchSpec(String matchKind, String equals, Map<String, JsonNode> set) {

    public GraphPatchSpec {
        equals = equals == null ? "" : equals;
        set = set == null ? Map.of() : new TreeMap<>(set);
    }

    /** The typed config's {@code graph_patches}. */
    public static List<GraphPatchSpec> of(List<GraphPatch> patches) {
        return patches.stream().map(p -> new GraphPatchSpec(p.match().kind().wireName(), p.match().equals(), p.set())).toList();
    }

    public static GraphPatchSpec nodeName(String equals, Map<String, JsonNode> set) {
        return new GraphPatchSpec("node_name", equals, set);
    }
}
