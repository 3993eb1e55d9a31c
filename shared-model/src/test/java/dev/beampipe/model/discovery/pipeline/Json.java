package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.SortedTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import java.nio.charset.StandardCharsets;

/** Test data: JSON written with single quotes, rows as byte-sorted objects, configs bound from YAML. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    /** A TAP row: an object with byte-sorted keys, as the adapters return it. */
    static ObjectNode row(String singleQuoted) {
        return (ObjectNode) SortedTree.of(json(singleQuoted));
    }

    static ProjectConfig config(String yaml) {
        return bind(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static ProjectConfig wallaby() {
        return bind(ReferenceConfigs.wallaby());
    }

    private static ProjectConfig bind(byte[] yaml) {
        ParseResult result = ProjectConfigValidation.parse(yaml);
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.config();
        }
        throw new IllegalArgumentException("config does not bind: " + result);
    }
}
