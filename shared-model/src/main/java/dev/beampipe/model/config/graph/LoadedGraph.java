package dev.beampipe.model.config.graph;

import com.fasterxml.jackson.databind.JsonNode;

/** A logical graph fetched for a config: its exact bytes, their SHA-256, where it came from, and the parsed JSON. */
public record LoadedGraph(byte[] bytes, String sha256, String source, JsonNode json) {
}
