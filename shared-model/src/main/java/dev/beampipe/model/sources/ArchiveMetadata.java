package dev.beampipe.model.sources;

import com.fasterxml.jackson.databind.JsonNode;

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

    public MetadataRow readiness() {
        return new MetadataRow(sbid, metadataJson);
    }
}
