package dev.beampipe.api.graphs;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** 200 body of {@code POST /graphs/prepare}; the three documents are redacted. */
@Schema(requiredProperties = {"project_module", "source_identifiers", "project_config_id", "project_config_version",
        "project_spec_sha256", "manifest_sha256", "source_graph_sha256", "patched_graph_sha256", "patch_summary",
        "manifest", "source_graph", "patched_graph"})
public record GraphPrepareResponse(
        String projectModule,
        List<String> sourceIdentifiers,
        UUID projectConfigId,
        int projectConfigVersion,
        String projectSpecSha256,
        String manifestSha256,
        String sourceGraphSha256,
        String patchedGraphSha256,
        @Schema(implementation = Object.class) JsonNode patchSummary,
        @Schema(implementation = Object.class) JsonNode manifest,
        @Schema(implementation = Object.class) JsonNode sourceGraph,
        @Schema(implementation = Object.class) JsonNode patchedGraph) {
}
