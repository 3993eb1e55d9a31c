package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.SortedTree;
import dev.beampipe.model.canonical.Utf8Order;
import dev.beampipe.model.config.model.DiscoveryQuery;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.transform.Coercion;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One prepared metadata record per primary row (30-project-config §3.4):
 * <ol>
 *   <li>the {@code field_map} targets in byte order ({@link FieldSource}; a failing transform drops the field);</li>
 *   <li>{@code source_identifier}, unless mapped;</li>
 *   <li>every row column under its lower-cased name, unless set (mapped fields win; among columns that differ
 *       only in case the byte-smallest original name wins);</li>
 *   <li>the per-SBID enrichment rows of the record's {@code sbid}, under the enrichment names (overwriting);</li>
 *   <li>from an object {@code sbid_to_eval_file}: {@code evaluation_file_access_url} (overwriting) and
 *       {@code evaluation_file} (only if unset);</li>
 *   <li>{@code ra_string}, {@code dec_string}, {@code vsys} from the flags (overwriting).</li>
 * </ol>
 * Records come out with byte-sorted keys, like the reference's maps.
 */
final class PreparedRecords {

    private static final List<String> FLAG_FIELDS = List.of("ra_string", "dec_string", "vsys");

    private PreparedRecords() {
    }

    static List<ObjectNode> build(List<ObjectNode> rows, Map<String, MappingSpec> fieldMap,
                                  List<DiscoveryQuery> sbidEnrichments, String identifier, ObjectNode enrichments,
                                  ObjectNode flags, TransformEngine transforms) {
        List<ObjectNode> records = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            records.add(record(row, fieldMap, sbidEnrichments, identifier, enrichments, flags, transforms));
        }
        return records;
    }

    private static ObjectNode record(ObjectNode row, Map<String, MappingSpec> fieldMap,
                                     List<DiscoveryQuery> sbidEnrichments, String identifier, ObjectNode enrichments,
                                     ObjectNode flags, TransformEngine transforms) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        String normalisedSbid = SbidSet.sbidOf(row, fieldMap.get(SbidSet.SBID_FIELD), transforms).orElse(null);
        fieldMap.forEach((target, spec) -> FieldSource.value(spec, row, identifier, enrichments, normalisedSbid,
                transforms).ifPresent(value -> record.set(target, value.deepCopy())));

        if (!record.has(TemplateContext.SOURCE_IDENTIFIER)) {
            record.put(TemplateContext.SOURCE_IDENTIFIER, identifier);
        }
        copyLowerCasedColumns(row, record);

        Optional<String> sbid = Coercion.stringForm(record.get(SbidSet.SBID_FIELD));
        sbid.ifPresent(key -> {
            for (DiscoveryQuery query : sbidEnrichments) {
                JsonNode bySbid = enrichments.get(query.name());
                JsonNode value = bySbid != null && bySbid.isObject() ? bySbid.get(key) : null;
                if (value != null) {
                    record.set(query.name(), value.deepCopy());
                }
            }
        });

        JsonNode evalFile = record.get(CalibrationArchive.ENRICHMENT_NAME);
        if (evalFile != null && evalFile.isObject()) {
            JsonNode accessUrl = evalFile.get("access_url");
            if (accessUrl != null) {
                record.set("evaluation_file_access_url", accessUrl.deepCopy());
            }
            JsonNode fileName = evalFile.has("filename") ? evalFile.get("filename") : evalFile.get("file_name");
            if (fileName != null && !record.has("evaluation_file")) {
                record.set("evaluation_file", fileName.deepCopy());
            }
        }

        for (String field : FLAG_FIELDS) {
            JsonNode value = flags.get(field);
            if (value != null) {
                record.set(field, value.deepCopy());
            }
        }
        return (ObjectNode) SortedTree.of(record);
    }

    private static void copyLowerCasedColumns(ObjectNode row, ObjectNode record) {
        Map<String, JsonNode> columns = new TreeMap<>(Utf8Order.COMPARATOR);
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            columns.put(column.getKey(), column.getValue());
        }
        columns.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!record.has(lower)) {
                record.set(lower, value.deepCopy());
            }
        });
    }
}
