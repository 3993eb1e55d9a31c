package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.transform.Coercion;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of one {@code field_map} entry for one primary row (30-project-config §3.4 step 1). Empty means
 * the entry is skipped: a missing column, an enrichment reference without a key, or a failing transform.
 *
 * <p>{@code from}: {@code source_identifier} → the identifier; {@code enrichments.<name>} (or
 * {@code enrichment.<name>}) → {@code enrichments[<name>][<key>]} (missing → JSON null); anything else → the
 * row column. Our fix of the reference's key: the row's normalised SBID (its {@code field_map.sbid} value,
 * the key the per-SBID enrichments are stored under) is tried first, then the reference's key, the string form
 * of the raw {@code sbid} column, else of the raw {@code obs_id} column.
 */
final class FieldSource {

    private static final List<String> ENRICHMENT_PREFIXES = List.of("enrichments.", "enrichment.");
    private static final List<String> RAW_KEY_COLUMNS = List.of("sbid", "obs_id");

    private FieldSource() {
    }

    /**
     * @param normalisedSbid the row's {@code field_map.sbid} string form, or null (none, or while the SBIDs
     *                       themselves are being computed)
     */
    static Optional<JsonNode> value(MappingSpec spec, JsonNode row, String identifier, JsonNode enrichments,
                                    String normalisedSbid, TransformEngine transforms) {
        Optional<JsonNode> raw = resolve(spec.from(), row, identifier, enrichments, normalisedSbid);
        if (raw.isEmpty() || spec.transform() == null) {
            return raw;
        }
        return transforms.apply(spec.transform(), raw.get());
    }

    static Optional<JsonNode> resolve(String from, JsonNode row, String identifier, JsonNode enrichments,
                                      String normalisedSbid) {
        if (TemplateContext.SOURCE_IDENTIFIER.equals(from)) {
            return Optional.of(TextNode.valueOf(identifier));
        }
        for (String prefix : ENRICHMENT_PREFIXES) {
            if (from.startsWith(prefix)) {
                return enrichment(from.substring(prefix.length()), row, enrichments, normalisedSbid);
            }
        }
        return Columns.get(row, from);
    }

    private static Optional<JsonNode> enrichment(String name, JsonNode row, JsonNode enrichments, String normalisedSbid) {
        List<String> keys = new ArrayList<>(2);
        if (normalisedSbid != null) {
            keys.add(normalisedSbid);
        }
        rawKey(row).ifPresent(keys::add);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        JsonNode perSbid = enrichments == null ? null : enrichments.get(name);
        for (String key : keys) {
            JsonNode value = perSbid != null && perSbid.isObject() ? perSbid.get(key) : null;
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.of(NullNode.getInstance());
    }

    /** The reference's key: the string form of the raw {@code sbid} column, else of {@code obs_id}. */
    private static Optional<String> rawKey(JsonNode row) {
        for (String column : RAW_KEY_COLUMNS) {
            Optional<String> key = Columns.get(row, column).flatMap(Coercion::stringForm);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }
}
