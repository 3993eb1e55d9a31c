package dev.beampipe.api.sources;

import dev.beampipe.model.sources.SourceRow;

import java.util.List;

/** The reference's {@code SourceBulkCreateResponse}. */
public record SourceBulkCreateResponse(List<SourceRow> items, int total) {
}
