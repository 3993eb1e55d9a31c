package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * DALiuGE's {@code get_roots()} as the reference reimplements it (40-backends §2.6 step 5): every oid minus
 * apps/sockets with an {@code inputs}/{@code streamingInputs} key, their {@code outputs}, data drops with a
 * {@code producers} key and the {@code consumers}/{@code streamingConsumers} of data drops. The presence of a
 * key counts, not its emptiness. Sorted ascending.
 */
public final class GraphRoots {

    private GraphRoots() {
    }

    public static List<String> of(JsonNode drops) {
        Set<String> all = new TreeSet<>();
        Set<String> nonRoots = new TreeSet<>();
        for (JsonNode drop : drops) {
            if (!drop.path("oid").isTextual()) {
                continue;
            }
            String oid = drop.get("oid").asText();
            all.add(oid);
            if (PhysicalGraphNormalizer.isApp(drop)) {
                if (drop.has("inputs") || drop.has("streamingInputs")) {
                    nonRoots.add(oid);
                }
                collect(drop.get("outputs"), nonRoots);
            } else if (PhysicalGraphNormalizer.isData(drop)) {
                if (drop.has("producers")) {
                    nonRoots.add(oid);
                }
                collect(drop.get("consumers"), nonRoots);
                collect(drop.get("streamingConsumers"), nonRoots);
            }
        }
        all.removeAll(nonRoots);
        return new ArrayList<>(all);
    }

    /** A reference list holds oid strings, {@code {"<oid>": "<port>"}} objects or nested string arrays. */
    private static void collect(JsonNode refs, Set<String> into) {
        if (refs == null) {
            return;
        }
        if (refs.isTextual()) {
            into.add(refs.asText());
        } else if (refs.isObject()) {
            refs.fieldNames().forEachRemaining(into::add);
        } else if (refs.isArray()) {
            refs.forEach(r -> collect(r, into));
        }
    }
}
