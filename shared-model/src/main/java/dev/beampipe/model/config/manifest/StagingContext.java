package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The staging context of 30-project-config §3.9 / backends §6.3: {@code data_url_by_scan_id},
 * {@code checksum_url_by_scan_id} (keyed by the record's {@code scan_id}) and {@code eval_url_by_sbid}
 * (keyed by {@code sbid}), filled from the record fields {@code data_url}, {@code checksum_url},
 * {@code eval_url}. Parity: staging writes {@code staged_url} / {@code evaluation_file_url}, so in practice
 * only the checksum map fills. Only string keys and string values are taken; a later record wins.
 */
public final class StagingContext {

    private StagingContext() {
    }

    public static ObjectNode fromRecords(List<JsonNode> records) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode checksum = JsonNodeFactory.instance.objectNode();
        ObjectNode eval = JsonNodeFactory.instance.objectNode();
        for (JsonNode record : records) {
            put(data, record, "scan_id", "data_url");
            put(checksum, record, "scan_id", "checksum_url");
            put(eval, record, "sbid", "eval_url");
        }
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.set("checksum_url_by_scan_id", checksum);
        context.set("data_url_by_scan_id", data);
        context.set("eval_url_by_sbid", eval);
        return context;
    }

    private static void put(ObjectNode map, JsonNode record, String keyField, String valueField) {
        JsonNode key = ManifestTemplate.member(record, keyField);
        JsonNode value = ManifestTemplate.member(record, valueField);
        if (key != null && key.isTextual() && value != null && value.isTextual()) {
            map.put(key.textValue(), value.textValue());
        }
    }
}
