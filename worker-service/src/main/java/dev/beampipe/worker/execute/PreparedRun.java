package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What steps 12–13 produce: the manifest, the resolved logical graph and the graph patched for this run, whether
 * the manifest was embedded (the graph has a {@code beampipe-ingest} node with a {@code manifest_path} field),
 * and the manifest path recorded as artifact metadata.
 */
public record PreparedRun(ObjectNode manifest, JsonNode sourceGraph, JsonNode patchedGraph, boolean manifestInjected,
                          String graphConfigId, String manifestPath) {
}
