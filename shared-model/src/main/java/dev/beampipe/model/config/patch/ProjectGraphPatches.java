package dev.beampipe.model.config.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.manifest.ManifestExpressions;
import dev.beampipe.model.text.UnicodeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the config's {@code graph_patches} into the manifest's {@code graph_overrides}
 * (30-project-config §3.10 step 1, reference {@code apply_project_graph_patches}).
 *
 * <p>Expression context = the first {@code sources[]} entry (the whole manifest if there is none). Each
 * patch with a non-blank {@code match.equals} becomes {@code {"fields":[{"name","value"}…],"match":
 * {"equals"}}} with the {@code set} entries in byte order; a string value that is a {@code $count}/{@code
 * $sum} expression is evaluated, any other value is copied. If at least one patch results,
 * {@code graph_overrides} is <em>replaced</em> (the default Beam override disappears); otherwise the
 * manifest is returned unchanged. Parity: expressions see only the first source.
 */
public final class ProjectGraphPatches {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProjectGraphPatches() {
    }

    /** A patched copy of {@code manifest}; the input is not modified. */
    public static ObjectNode apply(ObjectNode manifest, List<GraphPatchSpec> patches) {
        ObjectNode out = manifest.deepCopy();
        if (patches.isEmpty()) {
            return out;
        }
        JsonNode context = expressionContext(manifest);
        ArrayNode produced = NODES.arrayNode();
        for (GraphPatchSpec patch : patches) {
            if (UnicodeText.isBlank(patch.equals())) {
                continue;
            }
            produced.add(override(patch, context));
        }
        if (!produced.isEmpty()) {
            ObjectNode overrides = NODES.objectNode();
            overrides.set("patches", produced);
            out.set("graph_overrides", overrides);
        }
        return out;
    }

    private static ObjectNode override(GraphPatchSpec patch, JsonNode context) {
        List<String> names = new ArrayList<>(patch.set().keySet());
        names.sort(UnicodeText.UTF8_ORDER);
        ArrayNode fields = NODES.arrayNode();
        for (String name : names) {
            ObjectNode field = NODES.objectNode();
            field.put("name", name);
            field.set("value", value(patch.set().get(name), context));
            fields.add(field);
        }
        ObjectNode match = NODES.objectNode();
        match.put("equals", patch.equals());
        ObjectNode override = NODES.objectNode();
        override.set("fields", fields);
        override.set("match", match);
        return override;
    }

    private static JsonNode value(JsonNode raw, JsonNode context) {
        if (raw == null) {
            return NODES.nullNode();
        }
        if (raw.isTextual()) {
            return ManifestExpressions.evaluate(raw.textValue(), context).orElseGet(raw::deepCopy);
        }
        return raw.deepCopy();
    }

    private static JsonNode expressionContext(JsonNode manifest) {
        JsonNode sources = manifest.get("sources");
        if (sources != null && sources.isArray() && !sources.isEmpty()) {
            return sources.get(0);
        }
        return manifest;
    }
}
