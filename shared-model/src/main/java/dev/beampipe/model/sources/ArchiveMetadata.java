package dev.beampipe.model.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.UUID;

/** One {@code archive_metadata} row: the prepared metadata discovered for one SBID of a source. */
public record ArchiveMetadata(
        UUID uuid,
        String projectModule,
        String sourceIdentifier,
        String sbid,
        JsonNode metadataJson,
        Instant createdAt,
        Instant updatedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a stored {@code metadata_json} text (null stays null); unreadable JSON is a broken row, not bad input. */
    public static JsonNode parseMetadataJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archive_metadata.metadata_json is not JSON", e);
        }
    }

    public MetadataRow readiness() {
        return new MetadataRow(sbid, metadataJson);
    }
}
