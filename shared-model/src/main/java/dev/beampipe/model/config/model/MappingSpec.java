package dev.beampipe.model.config.model;

import dev.beampipe.model.config.transform.TransformRef;

/** A {@code field_map} / {@code discovery_flags} entry; {@code from} defaults to {@code ""}, {@code transform} nullable. */
public record MappingSpec(String from, TransformRef transform) {
}
