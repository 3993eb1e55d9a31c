package dev.beampipe.model.config.validation;

import dev.beampipe.model.config.transform.TransformSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds whether a named {@code chain} transform reaches itself through its steps (decision 18). */
final class ChainCycles {

    private ChainCycles() {
    }

    /** The cycle as names starting and ending with {@code start}, or empty when there is none. */
    static List<String> cycleThrough(String start, Map<String, TransformSpec> transforms) {
        List<String> path = new ArrayList<>();
        path.add(start);
        return search(start, start, transforms, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean search(String start, String current, Map<String, TransformSpec> transforms,
            List<String> path, Set<String> visited) {
        TransformSpec spec = transforms.get(current);
        if (spec == null || !"chain".equals(spec.kind()) || spec.steps() == null || !visited.add(current)) {
            return false;
        }
        for (String step : spec.steps()) {
            path.add(step);
            if (step.equals(start) || search(start, step, transforms, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
