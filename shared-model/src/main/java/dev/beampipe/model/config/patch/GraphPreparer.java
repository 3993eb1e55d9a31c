package dev.beampipe.model.config.patch;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a DALiuGE logical graph (EAGLE "OJS" JSON) for one run (30-project-config §3.10 step 2, backends
 * §6.4): embeds the manifest for the {@code beampipe-ingest} node and applies the manifest's
 * {@code graph_overrides}. Every method returns a new tree; the input graph is never modified.
 *
 * <p>Injection: the first node named {@code beampipe-ingest} and its field named {@code manifest_path}
 * (both need string {@code id}s) receive a new {@code graphConfigurations[<configId>]} entry whose field
 * value is the manifest without {@code graph_overrides}, as compact sorted JSON text; {@code
 * activeGraphConfigId} is set to it. The node's own field {@code value} is untouched (DALiuGE applies the
 * active configuration). Parity: a graph without that node or field is returned unchanged,
 * {@link Injection#injected()} tells the caller so it can warn.
 *
 * <p>Overrides: for each patch with a {@code match} object and a {@code fields} array, every node whose
 * {@code name} equals {@code match.equals} (no string {@code equals}: every node) has every field of its
 * {@code fields} list with a patched name set to the value (JSON type kept); for {@code Integer} fields
 * {@code defaultValue} becomes the value's JSON text. Errors (reference texts):
 * {@code graph patch target node not found: <equals>}, {@code graph patch field not found on node
 * <equals>: <field>} (a field no matching node has), {@code graph is not a JSON object} (no
 * {@code nodeDataArray} array while there are patches).
 */
public final class GraphPreparer {

    public static final String INGEST_NODE = "beampipe-ingest";
    public static final String MANIFEST_FIELD = "manifest_path";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The graph after injection, and whether an ingest node with a {@code manifest_path} field was found. */
    public record Injection(JsonNode graph, boolean injected) {
    }

    /** Injection then overrides, as the worker runs them. */
    public JsonNode prepare(JsonNode graph, JsonNode manifest, String configId, long epochSeconds) {
        return applyOverrides(injectManifest(graph, manifest, configId, epochSeconds).graph(), manifest);
    }

    public Injection injectManifest(JsonNode graph, JsonNode manifest, String configId, long epochSeconds) {
        JsonNode out = graph.deepCopy();
        String[] ids = ingestIds(out);
        if (ids == null) {
            return new Injection(out, false);
        }
        ObjectNode fieldValue = NODES.objectNode();
        fieldValue.put("value", StableJson.write(withoutOverrides(manifest)));
        fieldValue.put("comment", "");
        ObjectNode fields = NODES.objectNode();
        fields.set(ids[1], fieldValue);
        ObjectNode node = NODES.objectNode();
        node.set("fields", fields);
        ObjectNode nodes = NODES.objectNode();
        nodes.set(ids[0], node);

        ObjectNode config = NODES.objectNode();
        config.put("id", configId);
        config.set("modelData", modelData(out.get("nodeDataArray").size(), epochSeconds));
        config.set("nodes", nodes);

        ObjectNode root = (ObjectNode) out;
        JsonNode configs = root.get("graphConfigurations");
        if (configs == null) {
            configs = root.putObject("graphConfigurations");
        }
        if (!configs.isObject()) {
            throw GraphPatchException.notAnObject();
        }
        ((ObjectNode) configs).set(configId, config);
        root.set("activeGraphConfigId", TextNode.valueOf(configId));
        return new Injection(out, true);
    }

    public JsonNode applyOverrides(JsonNode graph, JsonNode manifest) {
        JsonNode out = graph.deepCopy();
        JsonNode overrides = manifest.get("graph_overrides");
        JsonNode patches = overrides != null && overrides.isObject() ? overrides.get("patches") : null;
        if (patches == null || !patches.isArray()) {
            return out;
        }
        JsonNode nodes = out.isObject() ? out.get("nodeDataArray") : null;
        if (nodes == null || !nodes.isArray()) {
            throw GraphPatchException.notAnObject();
        }
        for (JsonNode patch : patches) {
            applyPatch((ArrayNode) nodes, patch);
        }
        return out;
    }

    private void applyPatch(ArrayNode nodes, JsonNode patch) {
        JsonNode match = patch.get("match");
        JsonNode fields = patch.get("fields");
        if (match == null || !match.isObject() || fields == null || !fields.isArray()) {
            return;
        }
        JsonNode equalsNode = match.get("equals");
        String expected = equalsNode != null && equalsNode.isTextual() ? equalsNode.textValue() : null;
        int matchedNodes = 0;
        Set<String> matchedFields = new HashSet<>();
        for (JsonNode node : nodes) {
            if (!node.isObject() || (expected != null && !expected.equals(text(node.get("name"))))) {
                continue;
            }
            matchedNodes++;
            JsonNode nodeFields = node.get("fields");
            if (nodeFields == null || !nodeFields.isArray()) {
                continue;
            }
            for (JsonNode patchField : fields) {
                String name = text(patchField.get("name"));
                if (name == null) {
                    continue;
                }
                JsonNode value = patchField.has("value") ? patchField.get("value") : NODES.nullNode();
                for (JsonNode nodeField : nodeFields) {
                    if (nodeField.isObject() && name.equals(text(nodeField.get("name")))) {
                        matchedFields.add(name);
                        setField((ObjectNode) nodeField, value);
                    }
                }
            }
        }
        if (expected == null) {
            return;
        }
        if (matchedNodes == 0) {
            throw GraphPatchException.nodeNotFound(expected);
        }
        for (JsonNode patchField : fields) {
            String name = text(patchField.get("name"));
            if (name != null && !matchedFields.contains(name)) {
                throw GraphPatchException.fieldNotFound(expected, name);
            }
        }
    }

    private void setField(ObjectNode nodeField, JsonNode value) {
        nodeField.set("value", value.deepCopy());
        if ("Integer".equals(text(nodeField.get("type")))) {
            nodeField.put("defaultValue", StableJson.write(value));
        }
    }

    /** {node id, manifest_path field id} of the first {@code beampipe-ingest} node, or null. */
    private static String[] ingestIds(JsonNode graph) {
        JsonNode nodes = graph.isObject() ? graph.get("nodeDataArray") : null;
        if (nodes == null || !nodes.isArray()) {
            return null;
        }
        for (JsonNode node : nodes) {
            if (!node.isObject() || !INGEST_NODE.equals(text(node.get("name")))) {
                continue;
            }
            // only the first ingest node is considered, as in the reference
            String nodeId = text(node.get("id"));
            JsonNode fields = node.get("fields");
            if (nodeId == null || fields == null || !fields.isArray()) {
                return null;
            }
            for (JsonNode field : fields) {
                if (!field.isObject()) {
                    return null;
                }
                if (MANIFEST_FIELD.equals(text(field.get("name")))) {
                    String fieldId = text(field.get("id"));
                    return fieldId == null ? null : new String[] {nodeId, fieldId};
                }
            }
            return null;
        }
        return null;
    }

    private static JsonNode withoutOverrides(JsonNode manifest) {
        ObjectNode copy = NODES.objectNode();
        if (manifest.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals("graph_overrides")) {
                    copy.set(entry.getKey(), entry.getValue());
                }
            }
        }
        return copy;
    }

    private static ObjectNode modelData(int nodeCount, long epochSeconds) {
        ObjectNode location = NODES.objectNode();
        for (String key : new String[] {"repositoryService", "repositoryBranch", "repositoryName", "repositoryPath",
                "repositoryFileName", "commitHash", "downloadUrl"}) {
            location.put(key, "");
        }
        location.put("repositoryService", "Beampipe");
        ObjectNode model = NODES.objectNode();
        model.put("name", "beampipe-core Auto-generated Manifest");
        model.put("shortDescription", "Run manifest embedded by beampipe at submission.");
        model.put("detailedDescription",
                "Generated by beampipe: the beampipe-ingest node reads the run manifest from this configuration.");
        model.put("type", "GraphConfig");
        model.put("schemaVersion", "1.0");
        model.put("readonly", true);
        model.set("location", location);
        model.put("generatorVersion", "beampipe-v1");
        model.put("generatorCommitHash", "");
        model.put("generatorName", "beampipe");
        model.put("repositoryUrl", "");
        model.set("graphLocation", NODES.objectNode());
        model.put("signature", "");
        model.put("lastModifiedName", "beampipe-core System");
        model.put("lastModifiedEmail", "");
        model.put("lastModifiedDatetime", epochSeconds);
        model.put("numLGNodes", nodeCount);
        return model;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
