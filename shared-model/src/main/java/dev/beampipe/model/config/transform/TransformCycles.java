package dev.beampipe.model.config.transform;

import dev.beampipe.model.canonical.Utf8Order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cycles among named {@code chain} transforms (decision 18: a cycle is a validation error). A chain's edges
 * go to its {@code steps} that name a registry entry (unknown names are the validator's
 * {@code unknown_transform}); other kinds have no edges.
 */
public final class TransformCycles {

    private TransformCycles() {
    }

    /**
     * One strongly connected set of chains that reach themselves. {@code names}: its members in UTF-8 byte
     * order. {@code path}: a shortest walk from the first member back to itself, e.g. {@code [a, b, a]}.
     */
    public record Cycle(List<String> names, List<String> path) {
        public Cycle {
            names = List.copyOf(names);
            path = List.copyOf(path);
        }
    }

    /** Every cycle, ordered by its first name; empty when the chains are acyclic. */
    public static List<Cycle> cycles(Map<String, TransformSpec> registry) {
        Map<String, List<String>> edges = edges(registry);
        Map<String, Set<String>> reach = new HashMap<>();
        for (String name : edges.keySet()) {
            reach.put(name, reachable(name, edges));
        }
        List<Cycle> cycles = new ArrayList<>();
        Set<String> done = new TreeSet<>(Utf8Order.COMPARATOR);
        for (String name : sorted(edges.keySet())) {
            if (done.contains(name) || !reach.get(name).contains(name)) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String other : sorted(edges.keySet())) {
                if (reach.get(name).contains(other) && reach.get(other).contains(name)) {
                    members.add(other);
                }
            }
            done.addAll(members);
            cycles.add(new Cycle(members, shortestLoop(name, edges)));
        }
        return cycles;
    }

    /** The names of every chain that lies on a cycle, in UTF-8 byte order. */
    public static Set<String> cyclicNames(Map<String, TransformSpec> registry) {
        Set<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
        cycles(registry).forEach(c -> names.addAll(c.names()));
        return Collections.unmodifiableSet(names);
    }

    /** A shortest walk from {@code name} back to itself ({@code [a, b, a]}), or empty when it is on no cycle. */
    public static Optional<List<String>> loopThrough(String name, Map<String, TransformSpec> registry) {
        Map<String, List<String>> edges = edges(registry);
        if (!edges.containsKey(name) || !reachable(name, edges).contains(name)) {
            return Optional.empty();
        }
        return Optional.of(shortestLoop(name, edges));
    }

    private static Map<String, List<String>> edges(Map<String, TransformSpec> registry) {
        Map<String, List<String>> edges = new HashMap<>();
        registry.forEach((name, spec) -> {
            List<String> out = new ArrayList<>();
            if ("chain".equals(spec.kind()) && spec.steps() != null) {
                for (String step : new LinkedHashSet<>(spec.steps())) {
                    if (registry.containsKey(step)) {
                        out.add(step);
                    }
                }
            }
            edges.put(name, out);
        });
        return edges;
    }

    private static Set<String> reachable(String from, Map<String, List<String>> edges) {
        Set<String> seen = new java.util.HashSet<>();
        Deque<String> todo = new ArrayDeque<>(edges.get(from));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(edges.get(n));
            }
        }
        return seen;
    }

    private static List<String> shortestLoop(String start, Map<String, List<String>> edges) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String n = queue.poll();
            for (String next : edges.get(n)) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(start);
                    for (String p = n; !p.equals(start); p = parent.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(next)) {
                    parent.put(next, n);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException(start + " is not on a cycle");
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(Utf8Order.COMPARATOR);
        return list;
    }
}
