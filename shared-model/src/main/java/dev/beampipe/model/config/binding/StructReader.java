package dev.beampipe.model.config.binding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * serde-derive struct semantics over the byte-sorted tree: keys visited in sorted order, the first failure
 * aborts (an unknown key when reached), then the first missing required key in declaration order. The
 * positional (sequence) form is accepted as serde derive does (decision: parity).
 */
final class StructReader {

    enum Presence { REQUIRED, OPTIONAL, DEFAULTED }

    record Field(String name, Presence presence, Reader<?> reader, Object defaultValue) {
    }

    private final String structName;
    private final boolean denyUnknown;
    private final List<Field> fields;

    private StructReader(String structName, boolean denyUnknown, List<Field> fields) {
        this.structName = structName;
        this.denyUnknown = denyUnknown;
        this.fields = List.copyOf(fields);
    }

    static StructReader strict(String structName, Field... fields) {
        return new StructReader(structName, true, List.of(fields));
    }

    static StructReader lenient(String structName, Field... fields) {
        return new StructReader(structName, false, List.of(fields));
    }

    static Field required(String name, Reader<?> reader) {
        return new Field(name, Presence.REQUIRED, reader, null);
    }

    /** Absent or {@code null} → null. */
    static Field optional(String name, Reader<?> reader) {
        return new Field(name, Presence.OPTIONAL, reader, null);
    }

    /** Absent → the default; an explicit {@code null} goes to the reader (a type error for non-optional types). */
    static Field defaulted(String name, Reader<?> reader, Object defaultValue) {
        return new Field(name, Presence.DEFAULTED, reader, defaultValue);
    }

    /** Values in declaration order. */
    Object[] read(JsonNode node, BindPath path) throws BindingException {
        if (node != null && node.isObject()) {
            return readMap(node, path);
        }
        if (node != null && node.isArray()) {
            return readSequence(node, path);
        }
        throw Unexpected.invalidType(path, node, "struct " + structName);
    }

    private Object[] readMap(JsonNode node, BindPath path) throws BindingException {
        Object[] values = new Object[fields.size()];
        boolean[] seen = new boolean[fields.size()];
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            int index = indexOf(entry.getKey());
            if (index < 0) {
                if (denyUnknown) {
                    throw new BindingException(path.key(entry.getKey()), unknownField(entry.getKey()));
                }
                continue;
            }
            values[index] = readField(fields.get(index), entry.getValue(), path.key(entry.getKey()));
            seen[index] = true;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!seen[i]) {
                Field field = fields.get(i);
                if (field.presence() == Presence.REQUIRED) {
                    throw new BindingException(path, "missing field `" + field.name() + "`");
                }
                values[i] = field.defaultValue();
            }
        }
        return values;
    }

    private Object[] readSequence(JsonNode node, BindPath path) throws BindingException {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (i < node.size()) {
                values[i] = readField(field, node.get(i), path.index(i));
            } else if (field.presence() == Presence.REQUIRED) {
                throw new BindingException(path, "invalid length " + i + ", expected struct " + structName
                        + " with " + fields.size() + " element" + (fields.size() == 1 ? "" : "s"));
            } else {
                values[i] = field.defaultValue();
            }
        }
        if (node.size() > fields.size()) {
            throw new BindingException(path, "invalid length " + node.size() + ", expected fewer elements in array");
        }
        return values;
    }

    private static Object readField(Field field, JsonNode value, BindPath path) throws BindingException {
        if (field.presence() == Presence.OPTIONAL && value.isNull()) {
            return null;
        }
        return field.reader().read(value, path);
    }

    private int indexOf(String key) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private String unknownField(String key) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add("`" + f.name() + "`"));
        String expected = switch (names.size()) {
            case 0 -> "there are no fields";
            case 1 -> "expected " + names.get(0);
            case 2 -> "expected " + names.get(0) + " or " + names.get(1);
            default -> "expected one of " + names.stream().collect(Collectors.joining(", "));
        };
        return "unknown field `" + key + "`, " + expected;
    }
}
