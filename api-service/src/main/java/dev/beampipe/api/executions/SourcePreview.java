package dev.beampipe.api.executions;

/** One entry of {@code sources_preview}: SBIDs and datasets ({@code metadata_json.datasets}) a source would run. */
public record SourcePreview(String sourceIdentifier, int sbidCount, int datasetCount) {
}
