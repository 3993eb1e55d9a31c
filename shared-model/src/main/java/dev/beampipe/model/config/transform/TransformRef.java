package dev.beampipe.model.config.transform;

import java.util.List;

/**
 * A reference to named transforms at a use site: a single name ({@code transform: trim}) or an inline
 * chain ({@code transform: [a, b]}), kept apart because the canonical form writes them differently.
 */
public record TransformRef(List<String> names, boolean inlineList) {

    public TransformRef {
        names = List.copyOf(names);
        if (!inlineList && names.size() != 1) {
            throw new IllegalArgumentException("a single transform reference names exactly one transform");
        }
    }

    public static TransformRef single(String name) {
        return new TransformRef(List.of(name), false);
    }

    public static TransformRef chain(List<String> names) {
        return new TransformRef(names, true);
    }
}
