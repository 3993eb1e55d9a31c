package dev.beampipe.model.config.model;

import java.util.Map;

/**
 * {@code discovery.prepare_metadata}. Maps iterate in UTF-8 byte order of their keys. {@code signature} is
 * nullable and absent differs from {@code {}} (§3.7.1).
 */
public record PrepareMetadata(Map<String, MappingSpec> fieldMap, Map<String, MappingSpec> discoveryFlags, Signature signature) {

    public PrepareMetadata {
        fieldMap = SortedMaps.copyOf(fieldMap);
        discoveryFlags = SortedMaps.copyOf(discoveryFlags);
    }
}
