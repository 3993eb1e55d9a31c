package dev.beampipe.model.queue;

import dev.beampipe.model.db.Database;

import java.util.Map;
import java.util.TreeMap;

/** The DB-derived queue measures behind the queue gauges (50-operations §3.2), read in one pass. */
public record QueueSnapshot(
        long runnableDepth,
        long running,
        Map<String, Long> runnableByKind,
        Map<String, Double> oldestRunnableAgeSecondsByKind,
        Map<String, Long> runnableByPool,
        Map<String, Long> byStatus) {

    public static QueueSnapshot read(Database db) {
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Double> ageByKind = new TreeMap<>();
        db.sql().list("SELECT kind, count(*), EXTRACT(EPOCH FROM (now() - min(next_run_at)))::float8 FROM jobs "
                + "WHERE status = 'queued' AND next_run_at <= now() GROUP BY kind", r -> {
            byKind.put(r.getString(0), r.getLong(1));
            ageByKind.put(r.getString(0), r.getDouble(2));
            return null;
        });
        Map<String, Long> byPool = new TreeMap<>();
        db.sql().list("SELECT pool, count(*) FROM jobs WHERE status = 'queued' AND next_run_at <= now() GROUP BY pool",
                r -> byPool.put(r.getString(0), r.getLong(1)));
        Map<String, Long> byStatus = new TreeMap<>();
        for (JobStatus s : JobStatus.values()) {
            byStatus.put(s.db(), 0L);
        }
        db.sql().list("SELECT status, count(*) FROM jobs GROUP BY status", r -> byStatus.put(r.getString(0), r.getLong(1)));
        long depth = byKind.values().stream().mapToLong(Long::longValue).sum();
        return new QueueSnapshot(depth, byStatus.getOrDefault("running", 0L), byKind, ageByKind, byPool, byStatus);
    }
}
