package dev.beampipe.api.sources;

import java.util.List;

/** The reference's {@code SourceMetadataResponse}. */
public record SourceMetadataResponse(SourceRegistryRow source, List<ArchiveMetadataResponse> metadata, int metadataCount) {
}
