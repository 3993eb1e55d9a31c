package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.leader.LeaderStatus;
import dev.beampipe.model.queue.QueueSnapshot;
import dev.beampipe.scheduler.ticks.Tick;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;

/**
 * The DB-derived queue gauges, computed once by the leader (decision 17): depth, running, per kind,
 * oldest runnable age per kind, and (ours) per pool and per status, plus the leader's own epoch.
 */
public final class QueueGaugesTick implements Tick {
    private final Database db;
    private final GaugeBoard board;

    public QueueGaugesTick(Database db, MeterRegistry registry) {
        this.db = db;
        this.board = new GaugeBoard(registry);
    }

    @Override
    public String name() {
        return "queue_gauges";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(15);
    }

    @Override
    public void run() {
        QueueSnapshot s = QueueSnapshot.read(db);
        board.set("beampipe_jobs_queue_depth", "Runnable queued jobs", Tags.empty(), s.runnableDepth());
        board.set("beampipe_jobs_running", "Jobs with status running", Tags.empty(), s.running());
        board.resetAll("beampipe_jobs_queued");
        board.resetAll("beampipe_jobs_oldest_queued_age_seconds");
        s.runnableByKind().forEach((kind, n) ->
                board.set("beampipe_jobs_queued", "Runnable queued jobs per kind", Tags.of("kind", kind), n));
        s.oldestRunnableAgeSecondsByKind().forEach((kind, age) ->
                board.set("beampipe_jobs_oldest_queued_age_seconds", "Age of the oldest runnable queued job per kind",
                        Tags.of("kind", kind), age));
        board.resetAll("beampipe_jobs_pool_queue_depth");
        s.runnableByPool().forEach((pool, n) ->
                board.set("beampipe_jobs_pool_queue_depth", "Runnable queued jobs per worker pool", Tags.of("pool", pool), n));
        s.byStatus().forEach((status, n) ->
                board.set("beampipe_jobs_by_status", "Jobs per status", Tags.of("status", status), n));
        LeaderStatus leader = LeaderStatus.read(db);
        board.set("beampipe_scheduler_leader_epoch", "Epoch of the current scheduler leader term", Tags.empty(), leader.epoch());
    }
}
