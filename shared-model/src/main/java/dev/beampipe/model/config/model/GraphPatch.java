package dev.beampipe.model.config.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One {@code graph_patches[]} entry: {@code set} maps node field names to literal values or expressions. */
public record GraphPatch(GraphPatchMatch match, Map<String, JsonNode> set) {

    public GraphPatch {
        set = SortedMaps.copyOf(set);
    }
}
