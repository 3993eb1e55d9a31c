package dev.beampipe.scheduler.leader;

import dev.beampipe.model.db.Database;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps trying to become the one scheduler leader; while leader, heartbeats every {@code period} and
 * steps down (calling the listener first) as soon as a heartbeat fails. A standby takes over one try
 * period after the leader's session ends.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    /** Told when leadership starts and ends; {@code onDemoted} must stop all tick work before returning. */
    public interface Listener {
        void onElected(long epoch);

        void onDemoted(long epoch);
    }

    private final LeaderLock lock;
    private final Listener listener;
    private final long periodMillis;
    private final ScheduledExecutorService loop;
    private final UUID holderId;
    private volatile long epoch = -1;

    public LeaderElection(Database db, UUID holderId, String holderName, long periodMillis, Listener listener) {
        this.lock = new LeaderLock(db, holderId, holderName);
        this.holderId = holderId;
        this.listener = listener;
        this.periodMillis = periodMillis;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beampipe-leader-election");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        loop.scheduleWithFixedDelay(this::step, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    public boolean isLeader() {
        return epoch >= 0;
    }

    /** The epoch of the current term, or -1 when not leader. */
    public long epoch() {
        return epoch;
    }

    public UUID holderId() {
        return holderId;
    }

    private void step() {
        try {
            if (epoch < 0) {
                Optional<Long> won = lock.tryAcquire();
                if (won.isPresent()) {
                    epoch = won.get();
                    LOG.infof("event=scheduler_leader_elected holder_id=%s epoch=%d", holderId, epoch);
                    listener.onElected(epoch);
                }
            } else if (!lock.heartbeat(epoch)) {
                demote("leader row taken over");
            }
        } catch (RuntimeException e) {
            if (epoch >= 0) {
                demote("lock connection failed: " + e.getMessage());
            } else {
                LOG.debugf("leader lock attempt failed: %s", e.getMessage());
                lock.close();
            }
        }
    }

    private void demote(String why) {
        long old = epoch;
        epoch = -1;
        LOG.warnf("event=scheduler_leader_lost holder_id=%s epoch=%d reason=%s", holderId, old, why);
        try {
            listener.onDemoted(old);
        } finally {
            lock.close();
        }
    }

    @Override
    public void close() {
        loop.shutdown();
        try {
            loop.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long old = epoch;
        if (old >= 0) {
            epoch = -1;
            listener.onDemoted(old);
            lock.release(old);
            LOG.infof("event=scheduler_leader_released holder_id=%s epoch=%d", holderId, old);
        } else {
            lock.close();
        }
    }
}
