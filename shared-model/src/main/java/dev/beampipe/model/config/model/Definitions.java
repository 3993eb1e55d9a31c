package dev.beampipe.model.config.model;

import dev.beampipe.model.config.transform.TransformSpec;
import java.util.Map;

/** {@code definitions}: the named transforms, keys in UTF-8 byte order. */
public record Definitions(Map<String, TransformSpec> transforms) {

    public Definitions {
        transforms = SortedMaps.copyOf(transforms);
    }
}
