package dev.beampipe.model.db;

import io.vertx.core.VertxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.pgclient.PgConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.sqlclient.PoolOptions;

import java.time.Duration;
import java.util.function.Function;

/**
 * The reactive PostgreSQL pool every service and the CLI share, used in a blocking style from worker
 * threads (never from an event-loop thread). One instance per process.
 */
public final class Database implements AutoCloseable {
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Pool pool;
    private final DatabaseUrl url;

    private Database(Vertx vertx, boolean ownsVertx, DatabaseUrl url, int maxConnections) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.url = url;
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(Math.max(1, maxConnections)).setMaxWaitQueueSize(-1)
                        .setConnectionTimeout(30).setIdleTimeout(300))
                .connectingTo(url.toConnectOptions())
                .using(vertx)
                .build();
    }

    public static Database open(DatabaseUrl url, int maxConnections) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4)
                .setBlockedThreadCheckInterval(10_000));
        return new Database(vertx, true, url, maxConnections);
    }

    public static Database open(Vertx vertx, DatabaseUrl url, int maxConnections) {
        return new Database(vertx, false, url, maxConnections);
    }

    public DatabaseUrl url() {
        return url;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Autocommit statements on any pooled connection. */
    public Sql sql() {
        return new Sql(pool);
    }

    /**
     * One autocommit statement without blocking, for the few callers that run on an event loop (the API's
     * pre-routing authentication and rate limiting); everything else uses {@link #sql()} from worker threads.
     */
    public Uni<RowSet<Row>> executeAsync(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).ifNoItem().after(STATEMENT_TIMEOUT).fail();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Sql, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(STATEMENT_TIMEOUT);
        try {
            Transaction tx = connection.begin().await().atMost(STATEMENT_TIMEOUT);
            T result;
            try {
                result = work.apply(new Sql(connection));
            } catch (RuntimeException | Error e) {
                rollbackQuietly(tx);
                throw e;
            }
            tx.commit().await().atMost(STATEMENT_TIMEOUT);
            return result;
        } finally {
            connection.close().await().atMost(STATEMENT_TIMEOUT);
        }
    }

    /** A connection outside the pool, for session state: the leader lock and LISTEN. */
    public PgConnection dedicatedConnection() {
        return PgConnection.connect(vertx, url.toConnectOptions()).await().atMost(STATEMENT_TIMEOUT);
    }

    private static void rollbackQuietly(Transaction tx) {
        try {
            tx.rollback().await().atMost(STATEMENT_TIMEOUT);
        } catch (RuntimeException ignored) {
            // the connection is closed next; PostgreSQL rolls back on its own
        }
    }

    @Override
    public void close() {
        try {
            pool.close().await().atMost(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            // a connection stuck in a handshake with a dead server must not hold up shutdown
        } finally {
            if (ownsVertx) {
                try {
                    vertx.close().await().atMost(CLOSE_TIMEOUT);
                } catch (RuntimeException ignored) {
                    // the process is stopping
                }
            }
        }
    }
}
