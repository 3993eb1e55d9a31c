package dev.beampipe.api.health;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Migrations;
import dev.beampipe.model.leader.LeaderStatus;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.workers.WorkerRegistry;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checks behind {@code /api/v2/ready}, in order: database, migrations, scheduler leader, live workers.
 * When the database is unreachable the others are skipped. Driver text is logged, never returned.
 */
public class ReadinessChecks {
    static final String DATABASE = "database";
    static final String MIGRATIONS = "migrations";
    static final String LEADER = "scheduler_leader";
    static final String WORKERS = "workers";
    private static final Logger LOG = Logger.getLogger(ReadinessChecks.class);

    private final Database db;
    private final int staleAfterSeconds;

    public ReadinessChecks(Database db, Settings settings) {
        this.db = db;
        this.staleAfterSeconds = settings.worker().staleAfterSeconds();
    }

    public ReadyReport run() {
        Map<String, ReadyCheck> checks = new LinkedHashMap<>();
        long[] counts;
        try {
            db.sql().count("SELECT 1");
            counts = queueCounts();
            checks.put(DATABASE, ReadyCheck.ok(Map.of()));
        } catch (RuntimeException e) {
            LOG.warnf("event=ready_check_failed check=database error=%s", e.toString());
            return unreachable();
        }
        checks.put(MIGRATIONS, guarded(MIGRATIONS, "ready.migrations_pending", this::migrations));
        checks.put(LEADER, guarded(LEADER, "ready.scheduler_leader_missing", this::leader));
        checks.put(WORKERS, guarded(WORKERS, "ready.no_live_worker", this::workers));
        return new ReadyReport(checks, counts[0], counts[1]);
    }

    /** The answer when the checks could not even reach the database (also used on timeout). */
    static ReadyReport unreachable() {
        Map<String, ReadyCheck> checks = new LinkedHashMap<>();
        checks.put(DATABASE, ReadyCheck.error(DATABASE, "ready.database_unreachable", "the database is unreachable", Map.of()));
        for (String name : new String[]{MIGRATIONS, LEADER, WORKERS}) {
            checks.put(name, ReadyCheck.skipped("the database is unreachable"));
        }
        return new ReadyReport(checks, 0, 0);
    }

    /** Runnable queue depth and running jobs, defined as in {@code QueueSnapshot}, in one indexed query. */
    private long[] queueCounts() {
        return db.sql().first("SELECT count(*) FILTER (WHERE status = 'queued' AND next_run_at <= now()), "
                        + "count(*) FILTER (WHERE status = 'running') FROM jobs WHERE status IN ('queued', 'running')",
                r -> new long[]{r.getLong(0), r.getLong(1)}).orElse(new long[]{0, 0});
    }

    private ReadyCheck migrations() {
        Migrations.Status status = Migrations.statusOf(db);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current_version", status.currentVersion());
        details.put("expected_version", Migrations.LATEST_VERSION);
        details.put("failed", status.failed());
        if (status.upToDate()) {
            return ReadyCheck.ok(details);
        }
        String message = status.failed() > 0
                ? status.failed() + " database migration(s) are marked unsuccessful"
                : "database migrations are pending: run `beampipe migrate`";
        return ReadyCheck.error(MIGRATIONS, "ready.migrations_pending", message, details);
    }

    private ReadyCheck leader() {
        LeaderStatus leader = LeaderStatus.read(db);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("holder", leader.holder());
        details.put("holder_id", leader.holderId());
        details.put("epoch", leader.epoch());
        details.put("heartbeat_age_seconds", leader.heartbeatAt() == null ? null
                : Math.round(leader.heartbeatAgeSeconds() * 1000) / 1000.0);
        details.put("lock_held", leader.lockHeld());
        if (leader.alive()) {
            return ReadyCheck.ok(details);
        }
        return ReadyCheck.error(LEADER, "ready.scheduler_leader_missing",
                "no scheduler-service instance holds the leader lock with a recent heartbeat", details);
    }

    private ReadyCheck workers() {
        Map<String, Object> details = Map.of("stale_after_seconds", staleAfterSeconds);
        if (new WorkerRegistry(db).anyLive(staleAfterSeconds)) {
            return ReadyCheck.ok(details);
        }
        return ReadyCheck.error(WORKERS, "ready.no_live_worker",
                "no worker has heartbeated within the last " + staleAfterSeconds + " s", details);
    }

    private static ReadyCheck guarded(String name, String code, java.util.function.Supplier<ReadyCheck> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            LOG.warnf("event=ready_check_failed check=%s error=%s", name, e.toString());
            return ReadyCheck.error(name, code, "the " + name.replace('_', ' ') + " state could not be read", Map.of());
        }
    }
}
