package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.sources.SourceBackoff;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Source side effects of an execution's end (10-state §2.1, §5.7; decision 3's counter and backoff). */
class SourceOutcomesTest {
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

    @Test
    void successWithUnchangedSignaturesStampsAndResetsTheFailureBackoff() {
        String m = module();
        UUID id = execution(db, m, "running", "A", "B");
        setSource(db, m, "A", "workflow_run_pending = true, workflow_run_pending_at = now(), workflow_claim_token = 't', "
                + "consecutive_failures = 3, next_admission_at = now() + interval '1 hour'");

        boolean matched = db.inTransaction(sql -> SourceOutcomes.finalizeSuccess(sql, id));

        assertThat(matched).isTrue();
        for (String s : List.of("A", "B")) {
            JsonObject row = sourceRow(db, m, s);
            // each source's own signature: what admission's "already executed" check compares (10-state §2.2)
            String stored = row.getString("discovery_signature");
            assertThat(row.getBoolean("workflow_run_pending")).isFalse();
            assertThat(row.getValue("workflow_run_pending_at")).isNull();
            assertThat(row.getValue("workflow_claim_token")).isNull();
            assertThat(row.getString("last_executed_discovery_signature")).isEqualTo(stored);
            assertThat(row.getInteger("consecutive_failures")).isZero();
            assertThat(row.getValue("next_admission_at")).isNull();
        }
    }

    @Test
    void successAfterASignatureChangedForcesPendingAndKeepsNewerClaims() {
        String m = module();
        UUID id = execution(db, m, "running", "A", "B");
        source(db, m, "B", signature("changed after admission"));
        setSource(db, m, "B", "workflow_claim_token = 'newer', workflow_run_pending_at = '2026-01-01T00:00:00Z'");

        boolean matched = db.inTransaction(sql -> SourceOutcomes.finalizeSuccess(sql, id));

        assertThat(matched).isFalse();
        JsonObject a = sourceRow(db, m, "A");
        JsonObject b = sourceRow(db, m, "B");
        assertThat(a.getBoolean("workflow_run_pending")).isTrue();
        assertThat(a.getValue("workflow_run_pending_at")).isNotNull();
        assertThat(b.getBoolean("workflow_run_pending")).isTrue();
        assertThat(b.getString("workflow_run_pending_at")).startsWith("2026-01-01T00:00:00");
        assertThat(b.getString("workflow_claim_token")).isEqualTo("newer");
        assertThat(a.getValue("last_executed_discovery_signature")).isNull();
    }

    @Test
    void aVanishedSourceOrNullSignatureIsNoMatch() {
        String m = module();
        UUID id = execution(db, m, "running", "A", "B");
        db.sql().update("DELETE FROM source_registry WHERE project_module = $1 AND source_identifier = 'B'", m);
        assertThat(db.<Boolean>inTransaction(sql -> SourceOutcomes.finalizeSuccess(sql, id))).isFalse();
        assertThat(sourceRow(db, m, "A").getBoolean("workflow_run_pending")).isTrue();

        UUID other = execution(db, m, "running", "A");
        setSource(db, m, "A", "discovery_signature = NULL");
        assertThat(db.<Boolean>inTransaction(sql -> SourceOutcomes.finalizeSuccess(sql, other))).isFalse();
    }

    @Test
    void repeatedFailuresGrowTheCounterAndTheBackoff() {
        String m = module();
        UUID id = execution(db, m, "failed", "A");
        setSource(db, m, "A", "workflow_claim_token = 'held', last_executed_discovery_signature = 'old'");
        for (int n = 1; n <= 8; n++) {
            assertThat(db.<Integer>inTransaction(sql -> SourceOutcomes.repend(sql, id))).isEqualTo(1);
            JsonObject row = sourceRow(db, m, "A");
            assertThat(row.getInteger("consecutive_failures")).isEqualTo(n);
            assertThat(row.getBoolean("workflow_run_pending")).isTrue();
            assertThat(row.getValue("workflow_claim_token")).isNull();
            assertThat(row.getLong("backoff_seconds")).as("failure %d", n).isEqualTo(SourceBackoff.delay(n).toSeconds());
            assertThat(row.getString("last_executed_discovery_signature")).isEqualTo("old");
        }
    }

    @Test
    void cancellationClearsPendingAndClaimsButKeepsTheCounter() {
        String m = module();
        UUID id = execution(db, m, "cancelled", "A");
        setSource(db, m, "A", "workflow_run_pending = true, workflow_run_pending_at = now(), workflow_claim_token = 't', "
                + "consecutive_failures = 2");
        assertThat(db.<Integer>inTransaction(sql -> SourceOutcomes.clearPending(sql, id))).isEqualTo(1);
        JsonObject row = sourceRow(db, m, "A");
        assertThat(row.getBoolean("workflow_run_pending")).isFalse();
        assertThat(row.getValue("workflow_run_pending_at")).isNull();
        assertThat(row.getValue("workflow_claim_token")).isNull();
        assertThat(row.getInteger("consecutive_failures")).isEqualTo(2);
    }

    @Test
    void concurrentFailuresOfTwoExecutionsSharingASourceCountTwice() throws Exception {
        String m = module();
        UUID first = execution(db, m, "failed", "A", "B");
        UUID second = execution(db, m, "failed", "B", "A");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (UUID id : List.of(first, second)) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return db.inTransaction(sql -> SourceOutcomes.repend(sql, id));
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> r : runs) {
            assertThat(r.get()).isEqualTo(2);
        }
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isEqualTo(2);
        assertThat(sourceRow(db, m, "B").getInteger("consecutive_failures")).isEqualTo(2);
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
