package dev.beampipe.model.config.yaml;

import dev.beampipe.model.canonical.FloatText;
import dev.beampipe.model.canonical.Utf8Order;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.config.yaml.YamlLoadException.Kind;
import dev.beampipe.model.config.yaml.YamlLoadException.Position;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Steps 1 and 2 of 30-project-config §1.1: YAML bytes → JSON tree whose objects hold their keys in UTF-8 byte
 * order. SnakeYAML Engine only tokenises and composes; scalar resolution is {@link ScalarRules}. Merge keys are
 * not applied, aliases are expanded, duplicate keys and multi-document streams are errors.
 */
public final class YamlTreeLoader {

    /** Marks plain scalars so that {@link ScalarRules} resolves them; quoted and block scalars become {@code !!str}. */
    private static final Tag PLAIN = new Tag("tag:beampipe.dev,2026:plain");
    private static final String CORE_PREFIX = "tag:yaml.org,2002:";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** serde_yaml's recursion limit. */
    private static final int MAX_DEPTH = 128;

    private YamlTreeLoader() {
    }

    public static JsonNode load(byte[] raw) throws YamlLoadException {
        String text = decode(raw);
        Node document = compose(text);
        if (document == null) {
            return NullNode.getInstance();
        }
        Converter converter = new Converter();
        JsonNode tree = converter.convert(document);
        if (converter.firstValueError != null) {
            throw new YamlLoadException(Kind.JSON_VALUE, converter.firstValueError, null);
        }
        return tree;
    }

    private static String decode(byte[] raw) throws YamlLoadException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new YamlLoadException(Kind.YAML, "invalid UTF-8 in the input", null);
        }
    }

    private static Node compose(String text) throws YamlLoadException {
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(true) // detected below with the reference's message
                .setAllowRecursiveKeys(false)
                .setParseComments(false)
                .setUseMarks(true)
                .setSchema(new PlainMarkingSchema())
                .build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            Node first = documents.next();
            if (documents.hasNext()) {
                throw new YamlLoadException(Kind.YAML,
                        "deserializing from YAML containing more than one document is not supported", null);
            }
            return first;
        } catch (MarkedYamlEngineException e) {
            Position position = e.getProblemMark().or(e::getContextMark).map(YamlTreeLoader::position).orElse(null);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String located = position == null ? problem
                    : problem + " at line " + position.line() + " column " + position.column();
            throw new YamlLoadException(Kind.YAML, located, position);
        } catch (YamlEngineException e) {
            throw new YamlLoadException(Kind.YAML, e.getMessage(), null);
        }
    }

    private static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Position position(Node node) {
        return node.getStartMark().map(YamlTreeLoader::position).orElse(null);
    }

    private static YamlLoadException yamlError(String message, Node node) {
        Position at = position(node);
        String text = at == null ? message : message + " at line " + at.line() + " column " + at.column();
        return new YamlLoadException(Kind.YAML, text, at);
    }

    /** Converts the composed node graph; records the first JSON-conversion error and keeps going, because every
     *  YAML error of the document outranks it (the reference loads the whole YAML value before converting). */
    private static final class Converter {
        private String firstValueError;
        private int depth;

        JsonNode convert(Node node) throws YamlLoadException {
            if (node.isRecursive()) {
                throw yamlError("recursive alias is not supported", node);
            }
            if (++depth > MAX_DEPTH) {
                throw yamlError("recursion limit exceeded", node);
            }
            try {
                JsonNode value = switch (node.getNodeType()) {
                    case SCALAR -> scalar((ScalarNode) node);
                    case SEQUENCE -> sequence((SequenceNode) node);
                    case MAPPING -> mapping((MappingNode) node);
                    default -> throw yamlError("unsupported node", node);
                };
                return tagged(node, value);
            } finally {
                depth--;
            }
        }

        /** A local or foreign tag becomes a one-entry mapping {"!tag": value}, as serde_yaml's tagged value in JSON. */
        private JsonNode tagged(Node node, JsonNode value) {
            String tag = node.getTag().getValue();
            if (tag.startsWith(CORE_PREFIX) || node.getTag().equals(PLAIN)) {
                return value;
            }
            ObjectNode wrapper = JSON.objectNode();
            wrapper.set(tag.startsWith("!") ? tag : "!<" + tag + ">", value);
            return wrapper;
        }

        private JsonNode scalar(ScalarNode node) throws YamlLoadException {
            JsonNode value = yamlScalar(node);
            return value.isDouble() && !Double.isFinite(value.doubleValue()) ? NullNode.getInstance() : value;
        }

        private JsonNode yamlScalar(ScalarNode node) throws YamlLoadException {
            String tag = node.getTag().getValue();
            try {
                if (node.getTag().equals(PLAIN)) {
                    return ScalarRules.resolvePlain(node.getValue());
                }
                if (tag.startsWith(CORE_PREFIX)) {
                    return ScalarRules.resolveTagged(tag, node.getValue());
                }
                return ScalarRules.resolvePlain(node.getValue());
            } catch (ScalarRules.ScalarException e) {
                throw yamlError(e.getMessage(), node);
            }
        }

        private JsonNode sequence(SequenceNode node) throws YamlLoadException {
            var array = JSON.arrayNode();
            for (Node item : node.getValue()) {
                array.add(convert(item));
            }
            return array;
        }

        private JsonNode mapping(MappingNode node) throws YamlLoadException {
            Map<String, JsonNode> entries = new TreeMap<>(Utf8Order.COMPARATOR);
            Map<String, Node> seenKeys = new HashMap<>();
            List<NodeTuple> tuples = new ArrayList<>(node.getValue());
            for (NodeTuple tuple : tuples) {
                Node keyNode = tuple.getKeyNode();
                Optional<String> key = key(keyNode);
                // duplicates are judged on YAML values: 1 and 0x1 collide, 1 and "1" do not (the later wins in JSON)
                String identity = key.isPresent() ? keyType(keyNode) + ":" + key.get() : null;
                if (identity != null && seenKeys.putIfAbsent(identity, keyNode) != null) {
                    throw yamlError("duplicate entry with key \"" + key.get() + "\"", keyNode);
                }
                JsonNode value = convert(tuple.getValueNode());
                key.ifPresent(k -> entries.put(k, value));
            }
            ObjectNode object = JSON.objectNode();
            entries.forEach(object::set);
            return object;
        }

        private static String keyType(Node keyNode) throws YamlLoadException {
            try {
                ScalarNode scalar = (ScalarNode) keyNode;
                JsonNode value = scalar.getTag().equals(PLAIN) ? ScalarRules.resolvePlain(scalar.getValue())
                        : ScalarRules.resolveTagged(scalar.getTag().getValue(), scalar.getValue());
                return value.getNodeType().name();
            } catch (ScalarRules.ScalarException e) {
                throw yamlError(e.getMessage(), keyNode);
            }
        }

        /** The JSON key of a YAML key; empty (and a recorded value error) when it has none. */
        private Optional<String> key(Node keyNode) throws YamlLoadException {
            if (keyNode.getNodeType() != org.snakeyaml.engine.v2.nodes.NodeType.SCALAR) {
                convert(keyNode); // YAML errors inside a complex key still count
                noteValueError();
                return Optional.empty();
            }
            JsonNode key = yamlScalar((ScalarNode) keyNode);
            String tag = keyNode.getTag().getValue();
            if (!tag.startsWith(CORE_PREFIX) && !keyNode.getTag().equals(PLAIN)) {
                noteValueError();
                return Optional.empty();
            }
            if (key.isTextual()) {
                return Optional.of(key.textValue());
            }
            if (key.isBoolean() || key.isIntegralNumber()) {
                return Optional.of(key.asText());
            }
            if (key.isDouble()) {
                return Optional.of(FloatText.format(key.doubleValue()));
            }
            noteValueError();
            return Optional.empty();
        }

        private void noteValueError() {
            if (firstValueError == null) {
                firstValueError = "key must be a string";
            }
        }
    }

    /** Every plain scalar gets {@link #PLAIN}; everything else (quoted, block, non-plain) is a string. */
    private static final class PlainMarkingSchema implements Schema {
        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> Boolean.TRUE.equals(implicit) ? PLAIN : Tag.STR;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    }
}
