package dev.beampipe.scheduler.ticks;

import dev.beampipe.model.db.Database;
import dev.beampipe.scheduler.leader.LeaderElection;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the ticks while this process leads: started on election, stopped (and waited for) on demotion,
 * so no tick of an old term runs after the next term could have started.
 */
public final class TickRunner implements LeaderElection.Listener {
    private static final Logger LOG = Logger.getLogger(TickRunner.class);

    private final List<Tick> ticks;
    private final TickLog log;
    private final UUID holderId;
    private ScheduledExecutorService executor;

    public TickRunner(Database db, UUID holderId, List<Tick> ticks) {
        this.ticks = List.copyOf(ticks);
        this.log = new TickLog(db);
        this.holderId = holderId;
    }

    @Override
    public synchronized void onElected(long epoch) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beampipe-ticks-epoch-" + epoch);
            t.setDaemon(true);
            return t;
        });
        for (Tick tick : ticks) {
            executor.scheduleWithFixedDelay(() -> runOnce(tick, epoch), 0, tick.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void onDemoted(long epoch) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warnf("event=scheduler_tick_stop_slow epoch=%d", epoch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    private void runOnce(Tick tick, long epoch) {
        Optional<UUID> entry;
        try {
            entry = log.begin(tick.name(), holderId, epoch);
        } catch (RuntimeException e) {
            LOG.warnf("event=scheduler_tick_log_failed tick=%s: %s", tick.name(), e.getMessage());
            return;
        }
        if (entry.isEmpty()) {
            LOG.warnf("event=scheduler_tick_skipped tick=%s epoch=%d reason=not_leader", tick.name(), epoch);
            return;
        }
        String outcome = "ok";
        JsonObject details = new JsonObject();
        try {
            tick.run();
        } catch (Exception e) {
            outcome = "error";
            details.put("error", e.getMessage());
            LOG.warnf("event=scheduler_tick_failed tick=%s: %s", tick.name(), e.getMessage());
        }
        try {
            log.finish(entry.get(), outcome, details);
        } catch (RuntimeException e) {
            LOG.debugf("tick log finish failed: %s", e.getMessage());
        }
    }
}
