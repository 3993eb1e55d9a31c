package dev.beampipe.api.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.sources.ArchiveMetadata;

import java.time.Instant;
import java.util.UUID;

/** The reference's {@code ArchiveMetadataResponse}: {@code metadata_json} redacted. */
public record ArchiveMetadataResponse(
        UUID uuid,
        String projectModule,
        String sourceIdentifier,
        String sbid,
        JsonNode metadataJson,
        Instant createdAt,
        Instant updatedAt) {

    static ArchiveMetadataResponse of(ArchiveMetadata m) {
        return new ArchiveMetadataResponse(m.uuid(), m.projectModule(), m.sourceIdentifier(), m.sbid(),
                Redaction.value(m.metadataJson()), m.createdAt(), m.updatedAt());
    }
}
