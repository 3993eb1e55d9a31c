package dev.beampipe.model.config.model;

import dev.beampipe.model.canonical.Utf8Order;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Immutable maps iterating in UTF-8 byte order of their keys (the reference's free-form maps). */
public final class SortedMaps {

    private SortedMaps() {
    }

    public static <V> Map<String, V> copyOf(Map<String, V> map) {
        TreeMap<String, V> sorted = new TreeMap<>(Utf8Order.COMPARATOR);
        sorted.putAll(map);
        return Collections.unmodifiableMap(sorted);
    }
}
