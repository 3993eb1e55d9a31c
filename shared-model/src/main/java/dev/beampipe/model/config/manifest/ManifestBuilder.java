package dev.beampipe.model.config.manifest;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.text.UnicodeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the workflow manifest from the selected dataset records (30-project-config §3.9, backends §6.3).
 *
 * <p>With a {@link ManifestSection} (config builder): group key = the {@code group_by} values joined with
 * NUL (string as-is, other JSON → its JSON text, missing or {@code ""} → {@code unknown}); SBID key = the
 * {@code sbid} the same way, records with {@code 0}, {@code ""} or no sbid, or a skipped SBID, are dropped.
 * Groups and SBIDs are byte-sorted, record order is kept within an SBID. Per group the first record of
 * the first SBID feeds {@code source_template}; {@code source_identifier} (the first record's string, else
 * {@code unknown}) and {@code sbids} overwrite the rendered keys.
 *
 * <p>Without a section (default builder): grouped by {@code source_identifier} (string, else
 * {@code unknown}) then SBID; source objects carry {@code ra_string}, {@code dec_string}, {@code vsys} of
 * the first record ({@code null} if absent).
 *
 * <p>Both emit {@code {"inputs":{}, "sources":[…], "graph_overrides":{…}}} with the default override
 * setting {@code Scatter/GenericScatterApp/Beam}'s {@code num_of_copies} to the dataset total, and fail with
 * {@code manifest has no usable datasets} when the total is zero. The manifest's own object keys are
 * inserted in byte order; records are copied as given, so serialize with a sorted-keys writer (as the
 * reference's sorted maps do).
 */
public final class ManifestBuilder {

    public static final String DEFAULT_SCATTER_NODE = "Scatter/GenericScatterApp/Beam";
    public static final String NO_USABLE_DATASETS = "manifest has no usable datasets";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String UNKNOWN = "unknown";

    public ObjectNode build(Optional<ManifestSection> section, ManifestInput input) {
        return section.map(s -> buildFromSection(s, input)).orElseGet(() -> buildDefault(input));
    }

    private ObjectNode buildFromSection(ManifestSection section, ManifestInput input) {
        Map<String, Map<String, List<JsonNode>>> grouped = new TreeMap<>(UnicodeText.UTF8_ORDER);
        for (JsonNode record : input.records()) {
            List<String> parts = new ArrayList<>();
            for (String key : section.groupBy()) {
                parts.add(keyText(ManifestTemplate.member(record, key)).filter(s -> !s.isEmpty()).orElse(UNKNOWN));
            }
            Optional<String> sbid = sbidKey(record);
            if (sbid.isEmpty() || input.skippedSbids().contains(sbid.get())) {
                continue;
            }
            add(grouped, String.join("\0", parts), sbid.get(), record);
        }
        ArrayNode sources = NODES.arrayNode();
        int total = 0;
        for (Map<String, List<JsonNode>> bySbid : grouped.values()) {
            JsonNode first = firstRecord(bySbid);
            ArrayNode sbids = NODES.arrayNode();
            for (Map.Entry<String, List<JsonNode>> entry : bySbid.entrySet()) {
                total += entry.getValue().size();
                ArrayNode datasets = NODES.arrayNode();
                for (JsonNode record : entry.getValue()) {
                    datasets.add(section.expandsDatasets()
                            ? ManifestTemplate.render(section.datasetTemplate(), record, input.staging())
                            : record.deepCopy());
                }
                sbids.add(sbidEntry(entry.getKey(), datasets));
            }
            ObjectNode source = (ObjectNode) ManifestTemplate.render(section.sourceTemplate(), first, input.staging());
            source.set("source_identifier", TextNode.valueOf(sourceIdentifier(first)));
            source.set("sbids", sbids);
            sources.add(sorted(source));
        }
        return manifest(sources, total);
    }

    private ObjectNode buildDefault(ManifestInput input) {
        Map<String, Map<String, List<JsonNode>>> grouped = new TreeMap<>(UnicodeText.UTF8_ORDER);
        for (JsonNode record : input.records()) {
            Optional<String> sbid = sbidKey(record);
            if (sbid.isPresent()) {
                add(grouped, sourceIdentifier(record), sbid.get(), record);
            }
        }
        ArrayNode sources = NODES.arrayNode();
        int total = 0;
        for (Map.Entry<String, Map<String, List<JsonNode>>> group : grouped.entrySet()) {
            JsonNode first = firstRecord(group.getValue());
            ArrayNode sbids = NODES.arrayNode();
            for (Map.Entry<String, List<JsonNode>> entry : group.getValue().entrySet()) {
                total += entry.getValue().size();
                ArrayNode datasets = NODES.arrayNode();
                entry.getValue().forEach(record -> datasets.add(record.deepCopy()));
                sbids.add(sbidEntry(entry.getKey(), datasets));
            }
            ObjectNode source = NODES.objectNode();
            source.set("dec_string", copyOrNull(first, "dec_string"));
            source.set("ra_string", copyOrNull(first, "ra_string"));
            source.set("sbids", sbids);
            source.put("source_identifier", group.getKey());
            source.set("vsys", copyOrNull(first, "vsys"));
            sources.add(source);
        }
        return manifest(sources, total);
    }

    /** The default override every builder emits; project graph patches may replace it. */
    public static ObjectNode defaultGraphOverrides(long totalDatasets) {
        ObjectNode field = NODES.objectNode();
        field.put("name", "num_of_copies");
        field.put("value", totalDatasets);
        ObjectNode match = NODES.objectNode();
        match.put("equals", DEFAULT_SCATTER_NODE);
        ObjectNode patch = NODES.objectNode();
        patch.set("fields", NODES.arrayNode().add(field));
        patch.set("match", match);
        ObjectNode overrides = NODES.objectNode();
        overrides.set("patches", NODES.arrayNode().add(patch));
        return overrides;
    }

    private static ObjectNode manifest(ArrayNode sources, int total) {
        if (total == 0) {
            throw new ManifestException(NO_USABLE_DATASETS);
        }
        ObjectNode manifest = NODES.objectNode();
        manifest.set("graph_overrides", defaultGraphOverrides(total));
        manifest.set("inputs", NODES.objectNode());
        manifest.set("sources", sources);
        return manifest;
    }

    private static void add(Map<String, Map<String, List<JsonNode>>> grouped, String group, String sbid,
            JsonNode record) {
        grouped.computeIfAbsent(group, k -> new TreeMap<>(UnicodeText.UTF8_ORDER))
                .computeIfAbsent(sbid, k -> new ArrayList<>())
                .add(record);
    }

    private static JsonNode firstRecord(Map<String, List<JsonNode>> bySbid) {
        return bySbid.values().iterator().next().get(0);
    }

    private static ObjectNode sbidEntry(String sbid, ArrayNode datasets) {
        ObjectNode entry = NODES.objectNode();
        entry.set("datasets", datasets);
        entry.put("sbid", sbid);
        return entry;
    }

    private static String sourceIdentifier(JsonNode record) {
        JsonNode value = ManifestTemplate.member(record, "source_identifier");
        return value != null && value.isTextual() ? value.textValue() : UNKNOWN;
    }

    private static JsonNode copyOrNull(JsonNode record, String key) {
        JsonNode value = ManifestTemplate.member(record, key);
        return value == null ? NODES.nullNode() : value.deepCopy();
    }

    /** The SBID key; empty when the record has none or it is {@code 0} or {@code ""}. */
    private Optional<String> sbidKey(JsonNode record) {
        return keyText(ManifestTemplate.member(record, "sbid")).filter(s -> !s.isEmpty() && !s.equals("0"));
    }

    /** A string as-is, any other JSON value as its JSON text (so JSON null → {@code "null"}). */
    private Optional<String> keyText(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(value.isTextual() ? value.textValue() : StableJson.write(value));
    }

    /** Re-inserts the keys in byte order (the rendered template keeps the template's own order). */
    private static ObjectNode sorted(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(UnicodeText.UTF8_ORDER);
        ObjectNode out = NODES.objectNode();
        keys.forEach(key -> out.set(key, node.get(key)));
        return out;
    }
}
