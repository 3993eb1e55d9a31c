package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the config's {@code manifest} section the builder uses (30-project-config §2.8), so the
 * typed config model maps onto it one to one: {@code group_by} (default empty), {@code source_template}
 * (default {@code {}}), {@code dataset_template} and {@code expand_from} (null when absent).
 * {@code manifest.path} is artifact metadata only and not needed here.
 */
public record ManifestSection(List<String> groupBy, ObjectNode sourceTemplate, ObjectNode datasetTemplate,
        String expandFrom) {

    public ManifestSection {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        sourceTemplate = sourceTemplate == null ? JsonNodeFactory.instance.objectNode() : sourceTemplate.deepCopy();
        datasetTemplate = datasetTemplate == null ? null : datasetTemplate.deepCopy();
    }

    /** The typed config's {@code manifest} section; empty when the config has none (the default builder runs). */
    public static Optional<ManifestSection> of(Manifest m) {
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(new ManifestSection(m.groupBy(), object(m.sourceTemplate()),
                m.datasetTemplate() == null ? null : object(m.datasetTemplate()), m.expandFrom()));
    }

    private static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        fields.forEach(node::set);
        return node;
    }

    /** Records are rendered through {@code dataset_template} only with {@code expand_from: metadata} and a template. */
    boolean expandsDatasets() {
        return "metadata".equals(expandFrom) && datasetTemplate != null;
    }
}
