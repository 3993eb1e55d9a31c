package dev.beampipe.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The reference's committed {@code openapi.json}, read in place from {@code ../shared/reference}. */
final class ReferenceOpenApi {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    record Operation(String method, String path, JsonNode node) {
        String id() {
            return node.path("operationId").asText();
        }

        boolean secured() {
            return node.has("security");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private ReferenceOpenApi() {
    }

    static JsonNode load() {
        try {
            return new ObjectMapper().readTree(ReferenceFiles.path("openapi.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Operation> operations(JsonNode doc) {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    out.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
                }
            }
        }
        return out;
    }

    /** Property names of a schema, following {@code $ref}, {@code allOf}, and array items. */
    static Set<String> properties(JsonNode doc, JsonNode schema) {
        Set<String> names = new TreeSet<>();
        collect(doc, schema, names, 0);
        return names;
    }

    private static void collect(JsonNode doc, JsonNode schema, Set<String> into, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 10) {
            return;
        }
        if (schema.has("$ref")) {
            collect(doc, resolve(doc, schema.get("$ref").asText()), into, depth + 1);
            return;
        }
        schema.path("properties").fieldNames().forEachRemaining(into::add);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(combinator)) {
                collect(doc, part, into, depth + 1);
            }
        }
        if (schema.has("items")) {
            collect(doc, schema.get("items"), into, depth + 1);
        }
    }

    static JsonNode resolve(JsonNode doc, String ref) {
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    static JsonNode jsonSchema(JsonNode content) {
        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> type = types.next();
            if (type.getKey().contains("json")) {
                return type.getValue().path("schema");
            }
        }
        return null;
    }
}
