package dev.beampipe.model.config.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.canonical.Utf8Order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The per-source discovery signature (30-project-config §3.7.3, 10-state-and-jobs §4.5): records grouped by
 * SBID, each group a payload {@code {"datasets":[...]}} (plus {@code "discovery_flags"} when included),
 * hashed as {@link StableJson} of {@code {sbid: payload}}.
 *
 * <p>Decision 2: {@code exclude_fields} are removed from the <em>hashed</em> copy only. {@link #compute}
 * never mutates its input and returns the payloads to store with the records unstripped, in the order the
 * signature sorted them; recomputing from stored rows ({@link #ofStoredRows}) strips again, so stored
 * signatures and comparisons equal the reference's.
 */
public final class DiscoverySignature {

    public static final String NO_DATASETS_SBID = "0";
    public static final String NO_DATASETS_SIGNATURE =
            "f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final char UNIT_SEPARATOR = '\u001f';

    private DiscoverySignature() {
    }

    /** The signature and the per-SBID payloads to persist (SBIDs in UTF-8 byte order). */
    public record Result(String signature, SortedMap<String, ObjectNode> storedPayloads) {
    }

    /**
     * §3.7.2: every record an object with a non-null {@code sbid} and a non-null {@code dataset_id} or
     * {@code visibility_filename}; the first violation is thrown with the reference's message.
     */
    public static void requirePersistable(List<? extends JsonNode> records) {
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            if (r == null || !r.isObject()) {
                throw new InvalidRecordException("record[" + i + "] must be a JSON object");
            }
            if (isNull(r.get("sbid"))) {
                throw new InvalidRecordException("record[" + i + "] requires a non-null 'sbid'");
            }
            if (isNull(r.get("dataset_id")) && isNull(r.get("visibility_filename"))) {
                throw new InvalidRecordException("record[" + i + "] requires 'dataset_id' or 'visibility_filename'");
            }
        }
    }

    /**
     * Signature and stored payloads of one source's prepared records. Records without a usable SBID
     * ({@link #sbidKey}) are skipped; {@code flags} may be null.
     */
    public static Result compute(List<? extends JsonNode> records, JsonNode flags, SignatureOptions options) {
        Set<String> excluded = new HashSet<>(options.excludeFields());
        boolean withFlags = options.includeDiscoveryFlags() && flags != null && !flags.isNull()
                && !(flags.isObject() && flags.isEmpty());
        SortedMap<String, List<Entry>> groups = new TreeMap<>(Utf8Order.COMPARATOR);
        for (JsonNode record : records) {
            String sbid = sbidKey(record == null ? null : record.get("sbid"));
            if (sbid != null) {
                JsonNode hashed = strip(record, excluded);
                groups.computeIfAbsent(sbid, k -> new ArrayList<>())
                        .add(new Entry(sortKey(hashed), hashed, record.deepCopy()));
            }
        }
        ObjectNode hashedRoot = F.objectNode();
        SortedMap<String, ObjectNode> stored = new TreeMap<>(Utf8Order.COMPARATOR);
        for (Map.Entry<String, List<Entry>> group : groups.entrySet()) {
            List<Entry> entries = group.getValue();
            entries.sort(Comparator.comparing(Entry::sortKey, Utf8Order.COMPARATOR));
            ObjectNode hashedPayload = F.objectNode();
            ObjectNode storedPayload = F.objectNode();
            ArrayNode hashedDatasets = hashedPayload.putArray("datasets");
            ArrayNode storedDatasets = storedPayload.putArray("datasets");
            for (Entry e : entries) {
                hashedDatasets.add(e.hashed());
                storedDatasets.add(e.stored());
            }
            if (withFlags) {
                hashedPayload.set("discovery_flags", flags.deepCopy());
                storedPayload.set("discovery_flags", flags.deepCopy());
            }
            hashedRoot.set(group.getKey(), hashedPayload);
            stored.put(group.getKey(), storedPayload);
        }
        return new Result(StableJson.sha256(hashedRoot), stored);
    }

    /** The marker payload stored under SBID {@code "0"} for a source whose query returned no datasets. */
    public static ObjectNode noDatasetsPayload() {
        ObjectNode payload = F.objectNode();
        payload.putArray("datasets");
        payload.put("discovery_status", "no_datasets");
        return payload;
    }

    public static String noDatasetsSignature() {
        ObjectNode root = F.objectNode();
        root.set(NO_DATASETS_SBID, noDatasetsPayload());
        return StableJson.sha256(root);
    }

    /**
     * The signature recomputed from stored rows (SBID → {@code metadata_json}), each row stripped of the
     * excluded fields at any depth, including inside {@code discovery_flags} (§3.7.4, "previous signature"
     * of §3.7.3 step 7). Rows are not re-sorted: they are stored in signature order.
     */
    public static String ofStoredRows(Map<String, ? extends JsonNode> rows, SignatureOptions options) {
        Set<String> excluded = new HashSet<>(options.excludeFields());
        ObjectNode root = F.objectNode();
        for (Map.Entry<String, ? extends JsonNode> row : rows.entrySet()) {
            root.set(row.getKey(), strip(row.getValue(), excluded));
        }
        return StableJson.sha256(root);
    }

    /**
     * The grouping key of an {@code sbid} value: a string as-is, any other non-null JSON value as its JSON
     * text (serde's {@code to_string}, i.e. {@link StableJson}); null or missing → null (record skipped).
     */
    public static String sbidKey(JsonNode sbid) {
        if (isNull(sbid)) {
            return null;
        }
        return sbid.isTextual() ? sbid.textValue() : StableJson.write(sbid);
    }

    /** A deep copy of {@code node} without the {@code excluded} keys, removed in objects at any depth. */
    public static JsonNode strip(JsonNode node, Collection<String> excluded) {
        if (node == null) {
            return F.nullNode();
        }
        if (node.isObject()) {
            ObjectNode copy = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!excluded.contains(e.getKey())) {
                    copy.set(e.getKey(), strip(e.getValue(), excluded));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode(node.size());
            node.forEach(element -> copy.add(strip(element, excluded)));
            return copy;
        }
        return node.deepCopy();
    }

    private static String sortKey(JsonNode record) {
        return part(record.get("dataset_id")) + UNIT_SEPARATOR + part(record.get("visibility_filename"))
                + UNIT_SEPARATOR + StableJson.write(record);
    }

    private static String part(JsonNode value) {
        if (value == null) {
            return "";
        }
        return value.isTextual() ? value.textValue() : StableJson.write(value);
    }

    private static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private record Entry(String sortKey, JsonNode hashed, JsonNode stored) {
    }
}
