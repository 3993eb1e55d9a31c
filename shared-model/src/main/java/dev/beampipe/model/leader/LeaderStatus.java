package dev.beampipe.model.leader;

import dev.beampipe.model.db.Database;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The scheduler leader as the {@code scheduler_leader} row shows it. The lock itself is a session-level
 * advisory lock held by scheduler-service; {@code alive} also requires that lock to be held right now.
 */
public record LeaderStatus(UUID holderId, String holder, long epoch, OffsetDateTime acquiredAt,
                           OffsetDateTime heartbeatAt, double heartbeatAgeSeconds, boolean lockHeld) {
    public static final String NAME = "beampipe-scheduler";
    /** The advisory lock key, computed in SQL so that every process agrees. */
    public static final String LOCK_KEY_SQL = "hashtextextended('beampipe:scheduler-leader', 0)";
    /** A leader whose heartbeat is older than this is not alive (it heartbeats every 2 s). */
    public static final int ALIVE_WITHIN_SECONDS = 20;

    public boolean alive() {
        return holderId != null && lockHeld && heartbeatAgeSeconds <= ALIVE_WITHIN_SECONDS;
    }

    public static LeaderStatus read(Database db) {
        return db.sql().first("SELECT l.holder_id, l.holder, l.epoch, l.acquired_at, l.heartbeat_at, "
                        + "COALESCE(EXTRACT(EPOCH FROM (now() - l.heartbeat_at))::float8, 1e9), "
                        + "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                        + "  AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "  AND ((classid::bigint << 32) | objid::bigint) = " + LOCK_KEY_SQL + ") "
                        + "FROM scheduler_leader l WHERE l.name = $1",
                r -> new LeaderStatus(r.getUUID(0), r.getString(1), r.getLong(2), r.getOffsetDateTime(3),
                        r.getOffsetDateTime(4), r.getDouble(5), r.getBoolean(6)), NAME)
                .orElse(new LeaderStatus(null, null, 0, null, null, 1e9, false));
    }
}
