package dev.beampipe.worker.execute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** (source, SBID) → the dataset identities ({@code dataset_id}, else {@code visibility_filename}) it covers. */
public record DatasetScope(SortedMap<ScopeKey, SortedSet<String>> cells) {
    private static final int SHOWN = 5;

    public DatasetScope {
        TreeMap<ScopeKey, SortedSet<String>> copy = new TreeMap<>();
        cells.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
        cells = Collections.unmodifiableSortedMap(copy);
    }

    public int datasetCount() {
        return cells.values().stream().mapToInt(SortedSet::size).sum();
    }

    /** Empty when equal; otherwise what {@code actual} lacks and adds relative to this scope, first few of each. */
    public String differenceFrom(DatasetScope actual) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (Map.Entry<ScopeKey, SortedSet<String>> cell : cells.entrySet()) {
            SortedSet<String> other = actual.cells.getOrDefault(cell.getKey(), new TreeSet<>());
            cell.getValue().stream().filter(id -> !other.contains(id)).forEach(id -> missing.add(cell.getKey() + " " + id));
        }
        for (Map.Entry<ScopeKey, SortedSet<String>> cell : actual.cells.entrySet()) {
            SortedSet<String> mine = cells.getOrDefault(cell.getKey(), new TreeSet<>());
            cell.getValue().stream().filter(id -> !mine.contains(id)).forEach(id -> extra.add(cell.getKey() + " " + id));
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (!missing.isEmpty()) {
            b.append("missing ").append(shown(missing));
        }
        if (!extra.isEmpty()) {
            b.append(missing.isEmpty() ? "" : "; ").append("unexpected ").append(shown(extra));
        }
        return b.toString();
    }

    private static String shown(List<String> items) {
        String head = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? head + " and " + (items.size() - SHOWN) + " more" : head;
    }
}
