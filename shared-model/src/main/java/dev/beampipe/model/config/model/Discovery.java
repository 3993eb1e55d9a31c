package dev.beampipe.model.config.model;

import java.util.List;

/** {@code discovery}; {@code prepareMetadata} is nullable. {@code queries[0]} is the primary query. */
public record Discovery(List<DiscoveryQuery> queries, List<DiscoveryQuery> enrichments, PrepareMetadata prepareMetadata) {

    public static final Discovery DEFAULT = new Discovery(List.of(), List.of(), null);

    public Discovery {
        queries = List.copyOf(queries);
        enrichments = List.copyOf(enrichments);
    }
}
