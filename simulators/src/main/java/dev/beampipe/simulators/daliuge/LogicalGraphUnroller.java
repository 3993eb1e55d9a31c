package dev.beampipe.simulators.daliuge;

import dev.beampipe.simulators.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated TM's {@code /unroll_and_partition} does to a logical graph (40-backends §2.3, §2.4, §10.2):
 * applies the active graph configuration, makes one drop per non-construct node and instance (Scatter parents
 * multiply by {@code num_of_copies}, Loop parents by {@code num_of_iterations}), wires
 * producers/consumers/inputs/outputs from the links, assigns {@code #k} partition and island placeholders and
 * appends the reprodata object. A pure function of its inputs.
 */
public final class LogicalGraphUnroller {

    /** Categories the real translator accepts as {@code algorithm} ({@code KnownAlgorithms}). */
    public static final List<String> ALGORITHMS = List.of("none", "metis", "mysarkar", "min_num_parts", "pso");

    private static final Set<String> DROP_CATEGORY_TYPES = Set.of("Data", "Application", "Service", "Socket", "Container");
    private static final Set<String> RESERVED = Set.of("oid", "iid", "rank", "lg_key", "name", "categoryType", "category",
            "dropclass", "storage", "reprodata", "weight", "num_cpus", "applicationArgs", "componentParams",
            "constraintParams", "fields", "producers", "consumers", "inputs", "outputs", "streamingInputs",
            "streamingConsumers", "ports", "node", "island", "humanReadableKey");

    /** @param ssid the oid prefix ({@code oid_prefix}, else the TM's local time {@code YYYY-MM-DDTHH:MM:SS}) */
    public record Options(int numPartitions, int numIslands, String algorithm, String ssid) {
    }

    private LogicalGraphUnroller() {
    }

    /** One unrolled instance of an LG node. */
    private record Instance(String lgNodeId, List<Integer> copy, Map<String, Object> drop) {
        String oid() {
            return (String) drop.get("oid");
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Object> unroll(Map<String, Object> lg, Options options) {
        if (!(lg.get("modelData") instanceof Map<?, ?> modelData) || !modelData.containsKey("filePath")) {
            throw TranslationException.untrapped("KeyError: 'filePath' (modelData.filePath is missing)");
        }
        if (!(lg.get("nodeDataArray") instanceof List<?> nodeList) || nodeList.isEmpty()) {
            throw TranslationException.untrapped("GraphException: the logical graph has no nodes");
        }
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        for (Object o : nodeList) {
            if (!(o instanceof Map<?, ?> n) || !(n.get("id") instanceof String id)) {
                throw TranslationException.untrapped("KeyError: 'id' (a node without an id)");
            }
            nodes.put(id, (Map<String, Object>) n);
        }
        applyGraphConfig(lg, nodes);

        Map<String, List<Instance>> instances = new LinkedHashMap<>();
        List<Instance> order = new ArrayList<>();
        int position = 0;
        for (Map<String, Object> node : nodes.values()) {
            position++;
            if (!DROP_CATEGORY_TYPES.contains(String.valueOf(node.get("categoryType")))) {
                continue;
            }
            List<Instance> list = new ArrayList<>();
            for (List<Integer> copy : copies(node, nodes)) {
                Instance in = new Instance((String) node.get("id"), copy, drop(node, copy, position, options));
                list.add(in);
                order.add(in);
            }
            instances.put((String) node.get("id"), list);
        }
        if (order.isEmpty()) {
            throw TranslationException.untrapped("GraphException: no drops after unrolling");
        }
        for (Object o : (List<Object>) lg.getOrDefault("linkDataArray", List.of())) {
            if (o instanceof Map<?, ?> link) {
                wire((Map<String, Object>) link, nodes, instances);
            }
        }
        List<Object> pgt = new ArrayList<>();
        for (Instance in : order) {
            int partition = partition(in, options);
            in.drop().put("node", "#" + partition);
            in.drop().put("island", "#" + (partition % Math.max(options.numIslands(), 1)));
            pgt.add(in.drop());
        }
        pgt.add(reprodata(pgt));
        return pgt;
    }

    @SuppressWarnings("unchecked")
    private static void applyGraphConfig(Map<String, Object> lg, Map<String, Map<String, Object>> nodes) {
        if (!(lg.get("activeGraphConfigId") instanceof String active) || active.isEmpty()
                || !(lg.get("graphConfigurations") instanceof Map<?, ?> configs)
                || !(configs.get(active) instanceof Map<?, ?> config)
                || !(config.get("nodes") instanceof Map<?, ?> nodeConfigs)) {
            return;
        }
        for (Map.Entry<?, ?> e : nodeConfigs.entrySet()) {
            Map<String, Object> node = nodes.get(String.valueOf(e.getKey()));
            if (node == null || !(e.getValue() instanceof Map<?, ?> nc) || !(nc.get("fields") instanceof Map<?, ?> fields)) {
                continue; // the real translator only logs a warning for an unknown node
            }
            for (Map.Entry<?, ?> f : fields.entrySet()) {
                Map<String, Object> field = fieldById(node, String.valueOf(f.getKey()));
                if (field == null) {
                    throw TranslationException.untrapped("KeyError: graph configuration names field " + f.getKey()
                            + " unknown in node " + e.getKey());
                }
                if (f.getValue() instanceof Map<?, ?> fv && fv.containsKey("value")) {
                    field.put("value", fv.get("value"));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> node) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : List.of("fields", "inputAppFields", "outputAppFields")) {
            if (node.get(key) instanceof List<?> l) {
                for (Object f : l) {
                    if (f instanceof Map<?, ?> m) {
                        out.add((Map<String, Object>) m);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> fieldById(Map<String, Object> node, String id) {
        return fields(node).stream().filter(f -> id.equals(f.get("id"))).findFirst().orElse(null);
    }

    private static Object fieldValue(Map<String, Object> node, String name) {
        return fields(node).stream().filter(f -> name.equals(f.get("name"))).map(f -> f.get("value")).findFirst().orElse(null);
    }

    private static int intValue(Object v, int fallback) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return (int) Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw TranslationException.untrapped("ValueError: invalid literal for int(): '" + s + "'");
            }
        }
        return fallback;
    }

    /** Copy indices of every multiplying ancestor, outermost first; one empty list for a top-level node. */
    private static List<List<Integer>> copies(Map<String, Object> node, Map<String, Map<String, Object>> nodes) {
        List<Integer> factors = new ArrayList<>();
        Object parentId = node.get("parentId");
        int guard = 0;
        while (parentId instanceof String pid && !pid.isEmpty() && nodes.containsKey(pid) && guard++ < 64) {
            Map<String, Object> parent = nodes.get(pid);
            String category = String.valueOf(parent.get("category"));
            if (category.equals("Scatter")) {
                factors.add(0, Math.max(intValue(fieldValue(parent, "num_of_copies"), 1), 1));
            } else if (category.equals("Loop")) {
                factors.add(0, Math.max(intValue(fieldValue(parent, "num_of_iterations"), 1), 1));
            }
            parentId = parent.get("parentId");
        }
        List<List<Integer>> out = new ArrayList<>();
        out.add(List.of());
        for (int f : factors) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : out) {
                for (int i = 0; i < f; i++) {
                    List<Integer> c = new ArrayList<>(prefix);
                    c.add(i);
                    next.add(List.copyOf(c));
                }
            }
            out = next;
        }
        return out;
    }

    private static Map<String, Object> drop(Map<String, Object> node, List<Integer> copy, int position, Options options) {
        StringBuilder iid = new StringBuilder("0");
        List<Object> rank = new ArrayList<>(List.of(0L));
        for (int c : copy) {
            iid.append('-').append(c);
            rank.add((long) c);
        }
        String categoryType = String.valueOf(node.get("categoryType"));
        boolean data = categoryType.equals("Data");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("oid", options.ssid() + "_" + node.get("id") + "_" + iid);
        d.put("iid", iid.toString());
        d.put("rank", rank);
        d.put("lg_key", node.get("id"));
        d.put("name", node.get("name"));
        d.put("categoryType", categoryType);
        d.put("category", node.get("category"));
        d.put("dropclass", fieldValue(node, "dropclass"));
        if (data) {
            d.put("storage", node.get("category"));
        }
        d.put("reprodata", new LinkedHashMap<>(Map.of("rmode", "1")));
        d.put("weight", (long) intValue(fieldValue(node, data ? "data_volume" : "execution_time"), 5));
        d.put("num_cpus", (long) intValue(fieldValue(node, "num_cpus"), 1));
        Map<String, Object> applicationArgs = new LinkedHashMap<>();
        Map<String, Object> componentParams = new LinkedHashMap<>();
        Map<String, Object> constraintParams = new LinkedHashMap<>();
        List<Object> fieldCopies = new ArrayList<>();
        for (Map<String, Object> f : fields(node)) {
            Map<String, Object> copyOfField = new LinkedHashMap<>(f);
            fieldCopies.add(copyOfField);
            String name = String.valueOf(f.get("name"));
            switch (String.valueOf(f.get("parameterType"))) {
                case "ApplicationArgument" -> applicationArgs.put(name, copyOfField);
                case "ConstraintParameter" -> constraintParams.put(name, copyOfField);
                default -> componentParams.put(name, copyOfField);
            }
        }
        d.put("applicationArgs", applicationArgs);
        d.put("componentParams", componentParams);
        d.put("constraintParams", constraintParams);
        d.put("fields", fieldCopies);
        for (Map<String, Object> f : fields(node)) {
            String name = String.valueOf(f.get("name"));
            if (!RESERVED.contains(name)) {
                d.put(name, f.get("value"));
            }
        }
        d.put("humanReadableKey", position + "_" + iid);
        return d;
    }

    @SuppressWarnings("unchecked")
    private static void wire(Map<String, Object> link, Map<String, Map<String, Object>> nodes,
                             Map<String, List<Instance>> instances) {
        List<Instance> from = instances.get(String.valueOf(link.get("from")));
        List<Instance> to = instances.get(String.valueOf(link.get("to")));
        if (from == null || to == null) {
            return; // links to constructs carry no drops in this simulator
        }
        String fromPort = portName(nodes.get(String.valueOf(link.get("from"))), link.get("fromPort"));
        String toPort = portName(nodes.get(String.valueOf(link.get("to"))), link.get("toPort"));
        for (int j = 0; j < to.size(); j++) {
            for (Instance a : sources(from, to.size(), j)) {
                Instance b = to.get(j);
                boolean aIsData = "Data".equals(a.drop().get("categoryType"));
                boolean bIsData = "Data".equals(b.drop().get("categoryType"));
                if (!aIsData && bIsData) {
                    append(a.drop(), "outputs", Map.of(b.oid(), fromPort));
                    append(b.drop(), "producers", a.oid());
                } else if (aIsData && !bIsData) {
                    append(a.drop(), "consumers", b.oid());
                    append(b.drop(), "inputs", Map.of(a.oid(), toPort));
                } else {
                    // app→app (event) and data→data links: plain oid strings both ways
                    append(a.drop(), "consumers", b.oid());
                    append(b.drop(), "producers", a.oid());
                }
                append(a.drop(), "ports", port(fromPort, b.oid(), "output"));
                append(b.drop(), "ports", port(toPort, a.oid(), "input"));
            }
        }
    }

    /** Which instances of the source feed instance {@code j} of a target with {@code toCount} instances. */
    private static List<Instance> sources(List<Instance> from, int toCount, int j) {
        if (from.size() == toCount) {
            return List.of(from.get(j));
        }
        if (from.size() == 1) {
            return from; // broadcast into a scatter
        }
        if (toCount == 1) {
            return from; // gather out of a scatter
        }
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            if (i % toCount == j) {
                out.add(from.get(i));
            }
        }
        return out;
    }

    private static Map<String, Object> port(String name, String oid, String direction) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("oid", oid);
        p.put("direction", direction);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static void append(Map<String, Object> drop, String key, Object value) {
        ((List<Object>) drop.computeIfAbsent(key, k -> new ArrayList<>())).add(
                value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
    }

    private static String portName(Map<String, Object> node, Object portId) {
        if (node != null && portId != null) {
            Map<String, Object> f = fieldById(node, String.valueOf(portId));
            if (f != null && f.get("name") != null) {
                return String.valueOf(f.get("name"));
            }
        }
        return String.valueOf(portId);
    }

    /** {@code none}: everything in partition 0; otherwise one partition per outermost copy, modulo the count. */
    private static int partition(Instance in, Options options) {
        int parts = Math.max(options.numPartitions(), 1);
        if (options.algorithm().equals("none") || in.copy().isEmpty()) {
            return 0;
        }
        return in.copy().get(0) % parts;
    }

    private static Map<String, Object> reprodata(List<Object> drops) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(drops).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("repro_protocol", new java.math.BigDecimal("0.1"));
        meta.put("hashing_alg", "_sha3.sha3_256");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rmode", "1");
        r.put("meta_data", meta);
        r.put("merkleroot", hash);
        r.put("signature", hash);
        return r;
    }
}
