package dev.beampipe.model.sources;

import com.fasterxml.jackson.databind.JsonNode;

/** One {@code archive_metadata} row as readiness reads it: its SBID and {@code metadata_json} (may be null). */
public record MetadataRow(String sbid, JsonNode metadataJson) {
}
