package dev.beampipe.model.sources;

import dev.beampipe.model.admission.PendingClaims;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.ExecutionCreator;
import dev.beampipe.model.ledger.NewExecution;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.ledger.outcome.SourceOutcomes;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.beampipe.model.ledger.LedgerFixtures.module;
import static dev.beampipe.model.ledger.LedgerFixtures.signature;
import static dev.beampipe.model.ledger.LedgerFixtures.source;
import static dev.beampipe.model.ledger.LedgerFixtures.sourceRow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions over the sources {A, B} in opposite roles: one writer that used to update in heap order (B was
 * inserted first), one that locks in identifier order (a terminal outcome). A third transaction holds A so that the
 * ordered writer queues on A first and the other writer arrives second; without the shared ordered locks the heap-order
 * writer takes B, waits for A, the ordered writer gets A and waits for B: deadlock.
 */
class SourceRowLocksTest {
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    /** B then A in the heap. */
    static String sources() {
        String m = module();
        source(db, m, "B", signature(m + "B"));
        source(db, m, "A", signature(m + "A"));
        db.sql().update("UPDATE source_registry SET workflow_run_pending = true WHERE project_module = $1", m);
        return m;
    }

    @Test
    void lockReturnsTheRowsInIdentifierOrder() {
        String m = sources();
        List<String> locked = db.inTransaction(sql -> SourceRowLocks.lock(sql, m, List.of("B", "A", "missing")));
        assertThat(locked).containsExactly("A", "B");
    }

    @Test
    void executionCreationRacingARependNeverDeadlocks() throws Exception {
        String m = sources();
        ExecutionCreator creator = new ExecutionCreator(new JobQueue(db));
        NewExecution api = new NewExecution(m, List.of(new SourceSelection("A", null), new SourceSelection("B", null)),
                "casda", null, null, OutputVerification.DEFAULT, null, null, null, "corr", null);
        race(m, sql -> SourceOutcomes.repend(sql, new SourceOutcomes.Selection(m, List.of("A", "B"), null)),
                sql -> creator.create(sql, api));
        assertThat(sourceRow(db, m, "A").getBoolean("workflow_run_pending")).as("the creation committed last").isFalse();
        assertThat(sourceRow(db, m, "B").getInteger("consecutive_failures")).isEqualTo(1);
    }

    @Test
    void anAdmissionReleaseRacingACancellationNeverDeadlocks() throws Exception {
        String m = sources();
        db.sql().update("UPDATE source_registry SET workflow_claim_token = 'tok', workflow_claimed_at = now(), "
                + "workflow_claim_expires_at = now() + interval '5 minutes' WHERE project_module = $1", m);
        race(m, sql -> SourceOutcomes.clearPending(sql, new SourceOutcomes.Selection(m, List.of("A", "B"), null)),
                sql -> PendingClaims.release(sql, m, "tok"));
        assertThat(db.sql().count("SELECT count(*) FROM source_registry WHERE project_module = $1 "
                + "AND (workflow_claim_token IS NOT NULL OR workflow_run_pending)", m)).isZero();
    }

    /** Holds A, queues {@code ordered} on it, then {@code other}; releases A; both must commit. */
    static void race(String m, Function<Sql, Object> ordered, Function<Sql, Object> other) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = CompletableFuture.supplyAsync(() -> db.inTransaction(sql -> {
            sql.list("SELECT 1 FROM source_registry WHERE project_module = $1 AND source_identifier = 'A' FOR UPDATE",
                    r -> r, m);
            holding.countDown();
            await(release);
            return null;
        }));
        await(holding);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> db.inTransaction(ordered));
        awaitLockWaiters(1);
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> db.inTransaction(other));
        awaitLockWaiters(2);
        release.countDown();
        blocker.get(30, TimeUnit.SECONDS);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until {@code n} sessions of this database wait for a lock. */
    static void awaitLockWaiters(long n) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            if (db.sql().count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock'") >= n) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(n + " lock waiters never appeared");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
