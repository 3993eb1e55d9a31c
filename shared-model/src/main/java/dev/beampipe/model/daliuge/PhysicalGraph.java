package dev.beampipe.model.daliuge;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/**
 * A physical graph ready for the DIM: the normalized drop array (reproducibility object last) and the root
 * oids to pass as {@code completed=} at deploy (40-backends §2.6 steps 4–6).
 */
public record PhysicalGraph(ArrayNode drops, List<String> roots) {

    public PhysicalGraph {
        drops = drops.deepCopy();
        roots = List.copyOf(roots);
    }

    /** Normalizes {@code mapped} (the TM's {@code /map} reply) and computes its roots. */
    public static PhysicalGraph of(ArrayNode mapped) {
        ArrayNode normalized = PhysicalGraphNormalizer.normalize(mapped);
        return new PhysicalGraph(normalized, GraphRoots.of(normalized));
    }

    @Override
    public ArrayNode drops() {
        return drops.deepCopy();
    }

    /** Number of drops (the trailing reproducibility object not counted). */
    public int dropCount() {
        int n = 0;
        for (var item : drops) {
            if (item.path("oid").isTextual()) {
                n++;
            }
        }
        return n;
    }

    /** Compact, key-sorted JSON, as appended to the DIM. */
    public String canonicalJson() {
        return StableJson.write(drops);
    }
}
