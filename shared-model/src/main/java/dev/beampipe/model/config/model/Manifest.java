package dev.beampipe.model.config.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code manifest} (§2.8); {@code datasetTemplate} and {@code expandFrom} are nullable. */
public record Manifest(List<String> groupBy, Map<String, JsonNode> sourceTemplate, Map<String, JsonNode> datasetTemplate,
        String expandFrom, String path) {

    public static final String DEFAULT_PATH = "manifest.json";

    public Manifest {
        groupBy = List.copyOf(groupBy);
        sourceTemplate = SortedMaps.copyOf(sourceTemplate);
        datasetTemplate = datasetTemplate == null ? null : SortedMaps.copyOf(datasetTemplate);
    }
}
