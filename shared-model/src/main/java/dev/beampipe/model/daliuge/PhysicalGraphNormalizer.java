package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * {@code prepare_physical_graph} (40-backends §2.6 step 4): keep drops (objects with a string {@code oid}) in
 * order, fill {@code type}, {@code app} and {@code humanReadableKey} for the DIM web UI, drop everything else
 * except the last object carrying {@code rmode}, which moves to the end. Idempotent.
 */
public final class PhysicalGraphNormalizer {

    private PhysicalGraphNormalizer() {
    }

    public static ArrayNode normalize(ArrayNode graph) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        JsonNode repro = null;
        int k = 0;
        for (JsonNode item : graph) {
            if (!item.isObject()) {
                continue;
            }
            if (!item.path("oid").isTextual()) {
                if (item.has("rmode")) {
                    repro = item;
                }
                continue;
            }
            k++;
            ObjectNode drop = ((ObjectNode) item).deepCopy();
            if (blank(drop.get("type"))) {
                String type = typeFor(drop.path("categoryType").asText(""));
                if (type != null) {
                    drop.put("type", type);
                }
            }
            if ("app".equals(drop.path("type").asText()) && blank(drop.get("app")) && drop.has("dropclass")) {
                drop.set("app", drop.get("dropclass"));
            }
            JsonNode hrk = drop.get("humanReadableKey");
            if (hrk == null || hrk.isNull()) {
                drop.put("humanReadableKey", k + "_" + iidText(drop.get("iid")));
            }
            out.add(drop);
        }
        if (repro != null) {
            out.add(repro.deepCopy());
        }
        return out;
    }

    private static boolean blank(JsonNode n) {
        return n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty());
    }

    static String typeFor(String categoryType) {
        return switch (categoryType) {
            case "Application", "app" -> "app";
            case "Data", "data", "plain" -> "plain";
            case "Socket", "socket" -> "socket";
            case "Container", "container" -> "container";
            default -> null;
        };
    }

    private static String iidText(JsonNode iid) {
        if (iid == null || iid.isNull()) {
            return "0";
        }
        return iid.isTextual() ? iid.asText() : iid.toString();
    }

    static boolean isApp(JsonNode drop) {
        return isOneOf(drop, "application", "app", "socket");
    }

    static boolean isData(JsonNode drop) {
        return isOneOf(drop, "data", "plain");
    }

    private static boolean isOneOf(JsonNode drop, String... kinds) {
        for (String field : new String[]{"categoryType", "type"}) {
            String v = drop.path(field).asText("").toLowerCase(Locale.ROOT);
            for (String k : kinds) {
                if (v.equals(k)) {
                    return true;
                }
            }
        }
        return false;
    }
}
