package dev.beampipe.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * A structural diff of two JSON documents (the source graph and its patched copy): every leaf or subtree that was
 * added, removed or changed, addressed by JSON Pointer, in document order. Arrays are compared by index (graph
 * patches edit field values in place; they do not reorder nodes).
 */
public final class GraphDiff {
    public static final int MAX_LISTED = 200;

    public record Change(String path, String kind, JsonNode before, JsonNode after) {
    }

    private GraphDiff() {
    }

    public static List<Change> changes(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path + "/" + k.replace("~", "~0").replace("/", "~1");
                if (!a.has(k)) {
                    out.add(new Change(p, "added", null, b.get(k)));
                } else if (!b.has(k)) {
                    out.add(new Change(p, "removed", a.get(k), null));
                } else {
                    walk(p, a.get(k), b.get(k), out);
                }
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                String p = path + "/" + i;
                if (i >= a.size()) {
                    out.add(new Change(p, "added", null, b.get(i)));
                } else if (i >= b.size()) {
                    out.add(new Change(p, "removed", a.get(i), null));
                } else {
                    walk(p, a.get(i), b.get(i), out);
                }
            }
            return;
        }
        out.add(new Change(path.isEmpty() ? "/" : path, "changed", a, b));
    }

    /** {@code {total, added, removed, changed, truncated, changes:[{path, change, source?, patched?}]}} (first 200). */
    public static ObjectNode summary(List<Change> changes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("total", changes.size());
        s.put("added", changes.stream().filter(c -> c.kind().equals("added")).count());
        s.put("removed", changes.stream().filter(c -> c.kind().equals("removed")).count());
        s.put("changed", changes.stream().filter(c -> c.kind().equals("changed")).count());
        s.put("truncated", changes.size() > MAX_LISTED);
        ArrayNode list = s.putArray("changes");
        Iterator<Change> it = changes.iterator();
        for (int i = 0; i < MAX_LISTED && it.hasNext(); i++) {
            Change c = it.next();
            ObjectNode row = list.addObject();
            row.put("path", c.path());
            row.put("change", c.kind());
            if (c.before() != null) {
                row.set("source", c.before());
            }
            if (c.after() != null) {
                row.set("patched", c.after());
            }
        }
        return s;
    }
}
