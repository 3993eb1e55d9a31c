package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The Slurm physical graph template (40-backends §2.7): the TM's {@code unroll_and_partition} response wrapped as
 * {@code [<name>, <pgt>]} unless it already is {@code [string, array]}, with element 0 bound to
 * {@code <session id>.pgt.graph} — the stored {@code physical_graph} artifact equals the uploaded file's JSON.
 */
public final class SlurmPgt {
    private SlurmPgt() {
    }

    public static ArrayNode wrap(JsonNode tmResponse, String sessionId) {
        JsonNode content = isWrapped(tmResponse) ? tmResponse.get(1) : tmResponse;
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        out.add(sessionId + ".pgt.graph");
        out.add(content.deepCopy());
        return out;
    }

    static boolean isWrapped(JsonNode node) {
        return node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isArray();
    }
}
