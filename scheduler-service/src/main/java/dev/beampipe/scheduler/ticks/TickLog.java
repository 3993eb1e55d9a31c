package dev.beampipe.scheduler.ticks;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.leader.LeaderStatus;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code scheduler_tick_log}: one row per tick run, inserted only while this holder still owns the
 * leader row at its epoch. A stale leader's insert matches nothing, so it skips the tick.
 */
final class TickLog {
    private final Database db;

    TickLog(Database db) {
        this.db = db;
    }

    Optional<UUID> begin(String tick, UUID holderId, long epoch) {
        UUID id = Uuid7.next();
        int n = db.sql().update("INSERT INTO scheduler_tick_log (uuid, tick_name, epoch, holder_id) "
                        + "SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM scheduler_leader WHERE name = $5 "
                        + "AND holder_id = $4 AND epoch = $3)",
                id, tick, epoch, holderId, LeaderStatus.NAME);
        return n == 1 ? Optional.of(id) : Optional.empty();
    }

    void finish(UUID id, String outcome, JsonObject details) {
        db.sql().update("UPDATE scheduler_tick_log SET finished_at = clock_timestamp(), outcome = $2, details = $3 WHERE uuid = $1",
                id, outcome, details);
    }
}
