package dev.beampipe.simulators.daliuge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated TM's {@code /map} does ({@code resource_map}, 40-backends §2.2, §10.2): the first
 * {@code numIslands} entries of the node list are island managers, the rest node managers; {@code #k} node and
 * island placeholders are replaced by those entries. A pure function.
 */
public final class PhysicalGraphMapper {

    private PhysicalGraphMapper() {
    }

    /**
     * @param pgt      the partitioned PGT: drops, optionally a leading name string and a trailing reprodata object
     * @param nodeList {@code ["dimhost:dimport", nm, nm, ...]}
     */
    @SuppressWarnings("unchecked")
    public static List<Object> map(List<Object> pgt, List<String> nodeList, int numIslands) {
        List<Object> drops = new ArrayList<>(pgt);
        if (!drops.isEmpty() && drops.get(0) instanceof String) {
            drops.remove(0);
            if (drops.size() == 1 && drops.get(0) instanceof List<?> inner) {
                drops = new ArrayList<>((List<Object>) inner);
            }
        }
        Object repro = null;
        if (!drops.isEmpty() && drops.get(drops.size() - 1) instanceof Map<?, ?> last && !last.containsKey("oid")) {
            repro = drops.remove(drops.size() - 1);
        }
        if (nodeList.size() <= numIslands) {
            throw TranslationException.detail(500, "#nodes (" + nodeList.size()
                    + ") should be larger than the number of islands (" + numIslands + ")");
        }
        List<String> islands = nodeList.subList(0, numIslands);
        List<String> nms = nodeList.subList(numIslands, nodeList.size());
        List<Object> out = new ArrayList<>();
        for (Object o : drops) {
            if (!(o instanceof Map<?, ?> m)) {
                throw TranslationException.untrapped("TypeError: a PGT element is not an object");
            }
            Map<String, Object> drop = new LinkedHashMap<>((Map<String, Object>) m);
            drop.put("node", nms.get(index(drop.get("node"), nms.size(), "node")));
            drop.put("island", islands.get(index(drop.get("island"), islands.size(), "island")));
            out.add(drop);
        }
        if (repro != null) {
            out.add(repro);
        }
        return out;
    }

    private static int index(Object placeholder, int size, String what) {
        if (!(placeholder instanceof String s) || !s.startsWith("#")) {
            throw TranslationException.untrapped("KeyError: drop " + what + " is not a #k placeholder: " + placeholder);
        }
        int k;
        try {
            k = Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            throw TranslationException.untrapped("ValueError: " + s);
        }
        if (k < 0 || k >= size) {
            throw TranslationException.untrapped("IndexError: list index out of range (" + what + " " + s + ")");
        }
        return k;
    }
}
