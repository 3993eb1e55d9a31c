package dev.beampipe.simulators.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests a simulator received, in arrival order; thread-safe. Keeps the last {@link #CAPACITY} so a
 * long-running standalone simulator fed large graphs does not grow without bound.
 */
public final class RequestJournal {

    public static final int CAPACITY = 1000;

    private final java.util.ArrayDeque<RecordedRequest> entries = new java.util.ArrayDeque<>();

    public synchronized void add(RecordedRequest r) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    /** Requests with this method whose path equals {@code path}. */
    public synchronized List<RecordedRequest> matching(String method, String path) {
        return entries.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).toList();
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** JSON for {@code GET /_control/.../journal}: bodies as UTF-8 text. */
    public synchronized String toJson() {
        List<Object> out = new ArrayList<>();
        for (RecordedRequest r : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", r.at().toString());
            m.put("method", r.method());
            m.put("path", r.path());
            m.put("query", r.rawQuery());
            Map<String, Object> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k, new ArrayList<Object>(v)));
            m.put("headers", headers);
            m.put("body", r.bodyText());
            out.add(m);
        }
        return Json.write(out);
    }
}
