package dev.beampipe.worker.runtime;

import dev.beampipe.model.db.Database;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * LISTENs on {@code beampipe_jobs} (sent by the enqueue trigger, payload = pool) and wakes the
 * dispatcher when a job becomes runnable in its pool. Reconnects on its own; polling covers any gap.
 */
final class JobNotifications implements AutoCloseable {
    static final String CHANNEL = "beampipe_jobs";
    private static final Logger LOG = Logger.getLogger(JobNotifications.class);

    private final PgSubscriber subscriber;

    JobNotifications(Database db, String pool, Runnable onRunnable) {
        subscriber = PgSubscriber.subscriber(db.vertx(), db.url().toConnectOptions());
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> {
            if (pool.equals(payload)) {
                onRunnable.run();
            }
        });
        subscriber.closeHandler(() -> LOG.debug("job notification connection closed"));
    }

    void start() {
        try {
            subscriber.connect().await().atMost(Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            LOG.warnf("event=job_listen_failed; falling back to polling until it reconnects: %s", e.getMessage());
        }
    }

    /** Called from the heartbeat: reconnects a subscriber whose first connection never succeeded. */
    void ensureConnected() {
        if (subscriber.closed()) {
            start();
        }
    }

    @Override
    public void close() {
        try {
            subscriber.close().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // shutting down
        }
    }
}
