package dev.beampipe.model.config.prepare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

/** A graph preview: the pinned config revision, the documents (redacted) and their SHA-256 digests. */
public record PreparedGraph(
        String projectModule,
        List<String> sourceIdentifiers,
        UUID projectConfigId,
        int projectConfigVersion,
        String projectSpecSha256,
        String manifestSha256,
        String sourceGraphSha256,
        String patchedGraphSha256,
        JsonNode patchSummary,
        JsonNode manifest,
        JsonNode sourceGraph,
        JsonNode patchedGraph) {
}
