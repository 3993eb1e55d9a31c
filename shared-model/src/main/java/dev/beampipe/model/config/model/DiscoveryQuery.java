package dev.beampipe.model.config.model;

/** One TAP query; {@code sourceIdTransform} (legacy) is nullable. */
public record DiscoveryQuery(String name, String adapter, String template, String sourceIdTransform) {
}
