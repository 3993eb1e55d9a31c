package dev.beampipe.api.sources;

import java.util.List;

/** The reference's {@code SourceBulkCreateResponse}. */
public record SourceBulkCreateResponse(List<SourceRegistryRow> items, int total) {
}
