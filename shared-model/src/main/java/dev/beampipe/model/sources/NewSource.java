package dev.beampipe.model.sources;

/** A source to register (the reference's {@code SourceCreate}); {@code enabled} defaults to false. */
public record NewSource(String projectModule, String sourceIdentifier, boolean enabled) {
}
