package dev.beampipe.systemtests;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.leader.LeaderStatus;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 5: two scheduler-service processes, exactly one leader; SIGKILL the leader and the standby
 * leads within 15 s; the tick log shows no tick run twice or by two terms at once.
 */
class LeaderFailoverIT {

    record TickRow(String tick, long epoch, OffsetDateTime started, OffsetDateTime finished) {
    }

    @Test
    void standbyTakesOverAfterTheLeaderIsKilledAndNoTickIsDuplicated() throws Exception {
        Path logs = Files.createTempDirectory("leader-it");
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            Map<String, String> env = Map.of("DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_SCHEDULER_INTERVAL_SECONDS", "1");
            try (ServiceProcess a = ServiceProcess.start("scheduler-service", "scheduler-a", env, logs);
                 ServiceProcess b = ServiceProcess.start("scheduler-service", "scheduler-b", env, logs)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> LeaderStatus.read(db).alive()
                        && a.metric("beampipe_scheduler_is_leader") + b.metric("beampipe_scheduler_is_leader") == 1.0);
                List<ServiceProcess> both = List.of(a, b);
                // sample for a while: never two leaders
                for (int i = 0; i < 15; i++) {
                    double leaders = a.metric("beampipe_scheduler_is_leader") + b.metric("beampipe_scheduler_is_leader");
                    assertThat(leaders).as("leaders reported by the two processes").isEqualTo(1.0);
                    Thread.sleep(200);
                }
                LeaderStatus first = LeaderStatus.read(db);
                ServiceProcess leader = both.stream().filter(p -> first.holder().contains(":" + p.pid() + ":")).findFirst().orElseThrow();
                ServiceProcess standby = leader == a ? b : a;
                assertThat(standby.metric("beampipe_scheduler_is_leader")).isEqualTo(0.0);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        db.sql().count("SELECT count(*) FROM scheduler_tick_log WHERE tick_name = 'bootstrap' AND epoch = $1", first.epoch()) >= 2);

                long killedAt = System.nanoTime();
                leader.sigkill();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    LeaderStatus now = LeaderStatus.read(db);
                    return now.alive() && now.holder().contains(":" + standby.pid() + ":");
                });
                long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("scheduler failover after SIGKILL of the leader: " + takeoverMillis + " ms");
                LeaderStatus second = LeaderStatus.read(db);
                assertThat(second.epoch()).isGreaterThan(first.epoch());
                assertThat(standby.metric("beampipe_scheduler_is_leader")).isEqualTo(1.0);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        db.sql().count("SELECT count(*) FROM scheduler_tick_log WHERE tick_name = 'bootstrap' AND epoch = $1", second.epoch()) >= 2);

                List<TickRow> rows = db.sql().list("SELECT tick_name, epoch, started_at, finished_at FROM scheduler_tick_log "
                                + "ORDER BY tick_name, started_at",
                        r -> new TickRow(r.getString(0), r.getLong(1), r.getOffsetDateTime(2), r.getOffsetDateTime(3)));
                assertThat(rows.stream().map(TickRow::epoch).distinct()).containsExactlyInAnyOrder(first.epoch(), second.epoch());
                List<String> overlaps = new ArrayList<>();
                for (int i = 1; i < rows.size(); i++) {
                    TickRow prev = rows.get(i - 1);
                    TickRow cur = rows.get(i);
                    if (!prev.tick().equals(cur.tick())) {
                        continue;
                    }
                    if (cur.epoch() < prev.epoch()) {
                        overlaps.add("old term ran after new term: " + prev + " then " + cur);
                    }
                    // the killed leader's last run may never finish; every other run ends before the next starts
                    if (prev.finished() != null && cur.started().isBefore(prev.finished())) {
                        overlaps.add("overlapping runs: " + prev + " and " + cur);
                    }
                    if (prev.finished() == null && prev.epoch() == cur.epoch()) {
                        overlaps.add("unfinished run inside a live term: " + prev);
                    }
                }
                assertThat(overlaps).as("tick log").isEmpty();
                assertThat(db.sql().list("SELECT idempotency_key FROM jobs WHERE idempotency_key IS NOT NULL ORDER BY 1",
                        r -> r.getString(0))).containsExactly("dim_poll_tick", "lease_recovery_tick", "lost_worker_tick",
                        "retention_tick", "slurm_poll_tick");
            }
        }
    }
}
