package dev.beampipe.model.config.model;

import java.util.List;

/** {@code discovery.prepare_metadata.signature}; unknown keys under it are dropped when parsing. */
public record Signature(List<String> excludeFields, boolean includeDiscoveryFlags) {

    public static final Signature DEFAULT = new Signature(List.of(), true);

    public Signature {
        excludeFields = List.copyOf(excludeFields);
    }
}
