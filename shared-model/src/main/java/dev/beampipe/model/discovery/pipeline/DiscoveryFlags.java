package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.coords.RaDecVsysFlags;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.Map;

/**
 * The discovery flags of a source (30-project-config §3.5). Each {@code discovery_flags} entry walks its
 * {@code from} as a dot path of object keys inside {@code {"enrichments": …}} (anything else → null) and
 * applies its transform; a failing transform keeps the raw value. Then the WALLABY addition
 * ({@code ra_string}, {@code dec_string}, {@code vsys} from the first {@code ra_dec_vsys} row).
 */
final class DiscoveryFlags {

    private static final String ROOT = "enrichments";

    private DiscoveryFlags() {
    }

    static ObjectNode of(Map<String, MappingSpec> configured, ObjectNode enrichments, TransformEngine transforms) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(ROOT, enrichments);
        ObjectNode flags = JsonNodeFactory.instance.objectNode();
        configured.forEach((name, spec) -> {
            JsonNode raw = walk(root, spec.from());
            JsonNode value = spec.transform() == null ? raw : transforms.apply(spec.transform(), raw).orElse(raw);
            flags.set(name, value.deepCopy());
        });
        return RaDecVsysFlags.apply(flags, enrichments.get(RaDecVsysFlags.ENRICHMENT_NAME));
    }

    /** Object keys only: an array, a scalar or a missing key on the way gives JSON null. */
    static JsonNode walk(JsonNode root, String path) {
        JsonNode current = root;
        for (String segment : path.split("\\.", -1)) {
            JsonNode next = current.isObject() ? current.get(segment) : null;
            if (next == null) {
                return NullNode.getInstance();
            }
            current = next;
        }
        return current;
    }
}
