package dev.beampipe.model.config.binding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.transform.TransformRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Readers for the scalar, list and map types of the schema, with serde's type rules and messages. */
final class Readers {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger U32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);

    static final Reader<String> STRING = (node, path) -> {
        if (node.isTextual()) {
            return node.textValue();
        }
        throw Unexpected.invalidType(path, node, "a string");
    };

    static final Reader<Boolean> BOOL = (node, path) -> {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw Unexpected.invalidType(path, node, "a boolean");
    };

    /** u64 kept in a long with unsigned meaning. */
    static final Reader<Long> U64 = (node, path) -> integer(node, path, "u64", BigInteger.ZERO, U64_MAX).longValue();
    static final Reader<Long> U32 = (node, path) -> integer(node, path, "u32", BigInteger.ZERO, U32_MAX).longValue();
    static final Reader<Long> I64 = (node, path) -> integer(node, path, "i64",
            BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    static final Reader<Integer> I32 = (node, path) -> integer(node, path, "i32",
            BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)).intValue();

    /** f64 accepts integers too. */
    static final Reader<Double> F64 = (node, path) -> {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        throw Unexpected.invalidType(path, node, "f64");
    };

    static final Reader<JsonNode> ANY = (node, path) -> node;

    /** {@code string | list<string>} (serde untagged enum {@code TransformRef}). */
    static final Reader<TransformRef> TRANSFORM_REF = (node, path) -> {
        if (node.isTextual()) {
            return TransformRef.single(node.textValue());
        }
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw untaggedMismatch(path);
                }
                names.add(item.textValue());
            }
            return TransformRef.chain(names);
        }
        throw untaggedMismatch(path);
    };

    private Readers() {
    }

    private static BindingException untaggedMismatch(BindPath path) {
        return new BindingException(path, "data did not match any variant of untagged enum TransformRef");
    }

    private static BigInteger integer(JsonNode node, BindPath path, String type, BigInteger min, BigInteger max)
            throws BindingException {
        if (!node.isIntegralNumber()) {
            throw Unexpected.invalidType(path, node, type);
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw Unexpected.invalidValue(path, node, type);
        }
        return value;
    }

    static <T> Reader<List<T>> list(Reader<T> element) {
        return (node, path) -> {
            if (!node.isArray()) {
                throw Unexpected.invalidType(path, node, "a sequence");
            }
            List<T> out = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                out.add(element.read(node.get(i), path.index(i)));
            }
            return out;
        };
    }

    /** A free-form map; keys arrive in byte order from the tree. */
    static <T> Reader<Map<String, T>> map(Reader<T> value) {
        return (node, path) -> {
            if (!node.isObject()) {
                throw Unexpected.invalidType(path, node, "a map");
            }
            Map<String, T> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                out.put(entry.getKey(), value.read(entry.getValue(), path.key(entry.getKey())));
            }
            return out;
        };
    }

    /**
     * An enum with a catch-all variant: any string maps through {@code parse} (unknown → the catch-all);
     * a one-entry map {@code {name: null}} is serde's externally tagged form and is accepted (decision: parity).
     */
    static <E> Reader<E> catchAllEnum(Function<String, E> parse) {
        return (node, path) -> {
            if (node.isTextual()) {
                return parse.apply(node.textValue());
            }
            if (node.isObject()) {
                if (node.size() != 1) {
                    throw Unexpected.invalidValue(path, node, "map with a single key");
                }
                Map.Entry<String, JsonNode> entry = node.fields().next();
                if (!entry.getValue().isNull()) {
                    throw Unexpected.invalidType(path.key(entry.getKey()), entry.getValue(), "unit variant");
                }
                return parse.apply(entry.getKey());
            }
            throw Unexpected.invalidType(path, node, "string or map");
        };
    }

    /** A struct reader composed with the record constructor. */
    static <T> Reader<T> struct(StructReader reader, Function<Object[], T> build) {
        return (node, path) -> build.apply(reader.read(node, path));
    }
}
