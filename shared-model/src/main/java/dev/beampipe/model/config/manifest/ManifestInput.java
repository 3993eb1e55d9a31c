package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * What the execution hands the manifest builder (30-project-config §3.9): the stored dataset records of the
 * selected SBIDs after staging, the staging context ({@link StagingContext#fromRecords}), and the SBIDs
 * staging skipped (the config builder drops them; the default builder ignores them, as in the reference).
 */
public record ManifestInput(List<JsonNode> records, ObjectNode staging, Set<String> skippedSbids) {

    public ManifestInput {
        records = List.copyOf(records);
        staging = staging == null ? JsonNodeFactory.instance.objectNode() : staging;
        skippedSbids = skippedSbids == null ? Set.of() : Set.copyOf(skippedSbids);
    }

    public static ManifestInput of(List<JsonNode> records) {
        return new ManifestInput(records, StagingContext.fromRecords(records), Set.of());
    }
}
