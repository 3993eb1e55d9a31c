package dev.beampipe.scheduler.leader;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.leader.LeaderStatus;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The session-level advisory lock on a dedicated connection, plus the {@code scheduler_leader} row with
 * its epoch. The lock lives exactly as long as the connection: when the leader process dies PostgreSQL
 * drops the session and the lock with it. Every method runs on the dedicated connection, so a
 * successful heartbeat also proves the lock is still held.
 */
final class LeaderLock implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Database db;
    private final UUID holderId;
    private final String holderName;
    private PgConnection connection;

    LeaderLock(Database db, UUID holderId, String holderName) {
        this.db = db;
        this.holderId = holderId;
        this.holderName = holderName;
    }

    /** Tries once; on success bumps the epoch and returns it. */
    Optional<Long> tryAcquire() {
        if (connection == null) {
            connection = db.dedicatedConnection();
        }
        boolean locked = query("SELECT pg_try_advisory_lock(" + LeaderStatus.LOCK_KEY_SQL + ")").getBoolean(0);
        if (!locked) {
            return Optional.empty();
        }
        Row row = query("INSERT INTO scheduler_leader (name, holder_id, holder, epoch, acquired_at, heartbeat_at) "
                        + "VALUES ($1, $2, $3, 1, now(), now()) ON CONFLICT (name) DO UPDATE SET holder_id = EXCLUDED.holder_id, "
                        + "holder = EXCLUDED.holder, epoch = scheduler_leader.epoch + 1, acquired_at = now(), heartbeat_at = now() "
                        + "RETURNING epoch",
                LeaderStatus.NAME, holderId, holderName);
        return Optional.of(row.getLong(0));
    }

    /** True while this holder still owns the row at {@code epoch} (and so the connection and lock are alive). */
    boolean heartbeat(long epoch) {
        Row row = query("WITH u AS (UPDATE scheduler_leader SET heartbeat_at = now() WHERE name = $1 AND holder_id = $2 "
                + "AND epoch = $3 RETURNING 1) SELECT count(*) FROM u", LeaderStatus.NAME, holderId, epoch);
        return row.getLong(0) == 1;
    }

    /** Gives up leadership: clears the row if still ours, then closes the session (releasing the lock). */
    void release(long epoch) {
        try {
            query("WITH u AS (UPDATE scheduler_leader SET holder_id = NULL, holder = NULL, heartbeat_at = NULL "
                    + "WHERE name = $1 AND holder_id = $2 AND epoch = $3 RETURNING 1) SELECT count(*) FROM u",
                    LeaderStatus.NAME, holderId, epoch);
        } catch (RuntimeException ignored) {
            // the connection may already be gone; closing it releases the lock either way
        }
        close();
    }

    private Row query(String sql, Object... args) {
        return connection.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(TIMEOUT).iterator().next();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close().await().atMost(TIMEOUT);
            } catch (RuntimeException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
