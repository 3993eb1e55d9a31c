package dev.beampipe.model.testing;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.workers.WorkerIdentity;
import dev.beampipe.model.workers.WorkerRegistry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers worker rows for queue tests. */
public final class Workers {
    private Workers() {
    }

    public static UUID register(Database db, String pool, int concurrency, List<String> capabilities, Map<String, String> labels) {
        UUID id = Uuid7.next();
        new WorkerRegistry(db).register(new WorkerIdentity(id, "test:" + id.toString().substring(0, 8), "test-host",
                (int) ProcessHandle.current().pid(), "worker", pool, capabilities, labels, "test", concurrency));
        return id;
    }

    public static UUID register(Database db, String pool, int concurrency) {
        return register(db, pool, concurrency, List.of("casda-discovery", "slurm-remote", "daliuge-deployment"), Map.of());
    }
}
