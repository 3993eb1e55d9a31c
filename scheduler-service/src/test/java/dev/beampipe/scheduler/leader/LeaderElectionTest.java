package dev.beampipe.scheduler.leader;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.leader.LeaderStatus;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.scheduler.ticks.Tick;
import dev.beampipe.scheduler.ticks.TickRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several electors race for the lock on a real PostgreSQL; the leader's session is killed mid-term. */
class LeaderElectionTest {
    TestDatabase testDb;
    Database db;
    final List<LeaderElection> electors = new ArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<long[]> tickRuns = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterEach
    void tearDown() {
        electors.forEach(LeaderElection::close);
        testDb.close();
    }

    LeaderElection elector(String name) {
        UUID id = Uuid7.next();
        Tick probe = new Tick() {
            public String name() {
                return "probe";
            }

            public Duration interval() {
                return Duration.ofMillis(100);
            }

            public void run() throws InterruptedException {
                long epoch = electors.stream().filter(e -> e.holderId().equals(id)).findFirst().orElseThrow().epoch();
                long start = System.nanoTime();
                Thread.sleep(20);
                tickRuns.add(new long[]{epoch, start, System.nanoTime()});
            }
        };
        TickRunner runner = new TickRunner(db, id, List.of(probe));
        LeaderElection e = new LeaderElection(db, id, name, 200, new LeaderElection.Listener() {
            public void onElected(long epoch) {
                events.add("elected:" + name + ":" + epoch);
                runner.onElected(epoch);
            }

            public void onDemoted(long epoch) {
                runner.onDemoted(epoch);
                events.add("demoted:" + name + ":" + epoch);
            }
        });
        electors.add(e);
        return e;
    }

    long leaders() {
        return electors.stream().filter(LeaderElection::isLeader).count();
    }

    @Test
    void exactlyOneLeaderAndAStandbyTakesOverWhenTheLeadersSessionDies() {
        for (int i = 0; i < 3; i++) {
            elector("s" + i).start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders() == 1);
        for (int i = 0; i < 10; i++) {
            assertThat(leaders()).isLessThanOrEqualTo(1);
            sleep(100);
        }
        LeaderElection first = electors.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
        long firstEpoch = first.epoch();
        assertThat(LeaderStatus.read(db).alive()).isTrue();
        assertThat(LeaderStatus.read(db).holderId()).isEqualTo(first.holderId());

        // the leader's session dies (as when its process is SIGKILLed): PostgreSQL drops its lock
        long killed = db.sql().count("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' "
                // only this test's database: other test runs on the same server hold the same lock key
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = " + LeaderStatus.LOCK_KEY_SQL);
        assertThat(killed).isEqualTo(1);
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> electors.stream()
                .anyMatch(e -> e.isLeader() && e != first));
        long takeoverMillis = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isLeader());
        assertThat(leaders()).isEqualTo(1);
        LeaderElection second = electors.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
        assertThat(second.epoch()).isGreaterThan(firstEpoch);
        System.out.println("leader takeover after session kill: " + takeoverMillis + " ms");

        sleep(500);
        // tick runs never overlap across terms, and every logged tick belongs to the term that ran it
        List<long[]> runs = new ArrayList<>(tickRuns);
        runs.sort((a, b) -> Long.compare(a[1], b[1]));
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i)[0] != runs.get(i - 1)[0]) {
                assertThat(runs.get(i)[1]).as("new term starts after the old term's last tick ended")
                        .isGreaterThanOrEqualTo(runs.get(i - 1)[2]);
            }
        }
        assertThat(runs.stream().mapToLong(r -> r[0]).distinct().count()).isEqualTo(2);
        assertThat(db.sql().count("SELECT count(DISTINCT epoch) FROM scheduler_tick_log")).isEqualTo(2);
    }

    @Test
    void aStaleLeadersTicksAreFencedByTheEpoch() {
        LeaderElection a = elector("a");
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        long epoch = a.epoch();
        sleep(300);
        // another holder takes the row over (as a new leader would after a's session was lost)
        var stolenAt = db.sql().first("UPDATE scheduler_leader SET holder_id = $1, epoch = epoch + 1 WHERE name = $2 "
                + "RETURNING clock_timestamp()", r -> r.getOffsetDateTime(0), Uuid7.next(), LeaderStatus.NAME).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("demoted:a:" + epoch));
        assertThat(db.sql().count("SELECT count(*) FROM scheduler_tick_log WHERE epoch = $1", epoch)).isPositive();
        assertThat(db.sql().count("SELECT count(*) FROM scheduler_tick_log WHERE epoch = $1 AND started_at > $2", epoch, stolenAt))
                .as("no tick of the old term is logged after the takeover").isZero();
    }

    @Test
    void closingTheLeaderHandsOverAtOnce() {
        LeaderElection a = elector("a");
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        LeaderElection b = elector("b");
        b.start();
        sleep(600);
        assertThat(b.isLeader()).isFalse();
        a.close();
        electors.remove(a);
        await().atMost(Duration.ofSeconds(5)).until(b::isLeader);
        assertThat(LeaderStatus.read(db).holderId()).isEqualTo(b.holderId());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
