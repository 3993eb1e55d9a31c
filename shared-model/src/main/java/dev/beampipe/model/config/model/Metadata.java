package dev.beampipe.model.config.model;

/** {@code metadata}: {@code id} is required, {@code description} nullable. */
public record Metadata(String id, String description) {
}
