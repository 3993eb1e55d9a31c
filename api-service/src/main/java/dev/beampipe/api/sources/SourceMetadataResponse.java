package dev.beampipe.api.sources;

import dev.beampipe.model.sources.SourceRow;

import java.util.List;

/** The reference's {@code SourceMetadataResponse}. */
public record SourceMetadataResponse(SourceRow source, List<ArchiveMetadataResponse> metadata, int metadataCount) {
}
