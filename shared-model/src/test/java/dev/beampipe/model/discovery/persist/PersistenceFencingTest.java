package dev.beampipe.model.discovery.persist;

import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.SourceClaims.Claim;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.beampipe.model.discovery.persist.PersistFixture.failed;
import static dev.beampipe.model.discovery.persist.PersistFixture.noDatasets;
import static dev.beampipe.model.discovery.persist.PersistFixture.prepared;
import static dev.beampipe.model.discovery.persist.PersistFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Fencing by the claim token with real threads (10-state §8.3 item 31): a batch whose claim expired and was re-issued
 * writes nothing, even when it was already waiting for the row while the re-claim committed; concurrent batches never
 * lose a write.
 */
class PersistenceFencingTest {
    static TestDatabase testDb;
    static Database db;
    PersistFixture f;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    @BeforeEach
    void fixture() {
        f = new PersistFixture(db);
    }

    void expireClaims() {
        db.sql().update("UPDATE source_registry SET discovery_claim_expires_at = now() - interval '1 second' "
                + "WHERE project_module = $1", f.module);
    }

    void assertNothingWrittenBy(String source, String oldToken) {
        PersistFixture.Registry reg = f.registry(source);
        assertThat(reg.signature()).isNull();
        assertThat(reg.pending()).isFalse();
        assertThat(reg.lastCheckedAt()).isNull();
        assertThat(reg.failures()).isZero();
        assertThat(f.rows(source)).isEmpty();
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE correlation_id = $1", oldToken)).isZero();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(arguments(prepared("s", record("1", "d", null))), arguments(noDatasets("s")),
                arguments(failed("s", false, "boom")), arguments(failed("s", true, "TAP timeout")));
    }

    /** Sequential: after the claim was re-issued, every outcome kind of the old batch is missing_registry. */
    @ParameterizedTest
    @MethodSource("outcomes")
    void anExpiredAndReissuedClaimWritesNothing(SourceResult result) {
        f.sources("s");
        Claim old = f.claim(List.of("s"));
        expireClaims();
        Claim fresh = f.claims.claim(f.module, 24, 10, 60).orElseThrow();
        db.sql().update("UPDATE source_registry SET last_attempted_at = NULL WHERE project_module = $1", f.module);

        BatchReport report = f.persistence.persist(f.module, old.token(), List.of(result), SignatureOptions.ABSENT);

        assertThat(report).isEqualTo(new BatchReport(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, List.of(), List.of()));
        assertNothingWrittenBy("s", old.token());
        assertThat(f.registry("s").lastAttemptedAt()).isNull();
        assertThat(f.registry("s").claimToken()).as("the old batch does not release the new claim").isEqualTo(fresh.token());
    }

    /**
     * Two threads: the old batch's persist is blocked on the row lock of the re-claiming transaction (between the
     * claim re-issue and its own write) and, once the re-claim commits, finds the row no longer holding its token.
     */
    @Test
    void anOldBatchBlockedWhileTheClaimIsReissuedWritesNothing() throws Exception {
        f.sources("s");
        Claim old = f.claim(List.of("s"));
        expireClaims();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        List<Future<BatchReport>> oldPersist = new ArrayList<>();
        Claim fresh = db.inTransaction(sql -> {
            Claim c = f.claims.claim(sql, f.module, 24, 10, 60).orElseThrow();   // row locked until commit
            oldPersist.add(thread.submit(() -> f.persistence.persist(f.module, old.token(),
                    List.of(prepared("s", record("1", "d", null))), SignatureOptions.ABSENT)));
            awaitBlockedOnTheRowLock();
            return c;
        });
        BatchReport report = oldPersist.get(0).get(30, TimeUnit.SECONDS);
        thread.shutdown();

        assertThat(report.missingRegistryCount()).isEqualTo(1);
        assertThat(report.changedCount()).isZero();
        assertNothingWrittenBy("s", old.token());
        assertThat(f.registry("s").claimToken()).isEqualTo(fresh.token());

        // the new holder persists normally
        BatchReport newer = f.persistence.persist(f.module, fresh.token(), List.of(prepared("s", record("1", "d", null))),
                SignatureOptions.ABSENT);
        assertThat(newer.changedSourceIdentifiers()).containsExactly("s");
        assertThat(f.registry("s").claimToken()).isNull();
    }

    private void awaitBlockedOnTheRowLock() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long waiting = db.sql().count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock' AND query LIKE '%discovery_claim_token = $3 FOR UPDATE%'");
            if (waiting == 1) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the old batch never waited for the row lock");
    }

    /** 8 threads persist 8 different batches at once: every source of every batch is written, nothing is lost. */
    @Test
    void concurrentBatchesNeverLoseAWrite() throws Exception {
        int batches = 8;
        int perBatch = 6;
        List<List<String>> ids = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                mine.add("b" + b + "-s" + i);
            }
            ids.add(mine);
            f.sources(mine.toArray(String[]::new));
        }
        List<Claim> claims = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            claims.add(f.claims.claim(f.module, 24, perBatch, 60).orElseThrow());
        }
        ExecutorService pool = Executors.newFixedThreadPool(batches);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BatchReport>> reports = new ArrayList<>();
        for (Claim claim : claims) {
            List<SourceResult> results = new ArrayList<>();
            for (String id : claim.identifiers()) {
                results.add(prepared(id, record("1", id + "-a", null), record("2", id + "-b", null)));
            }
            reports.add(pool.submit(() -> {
                start.await();
                return f.persistence.persist(f.module, claim.token(), results, SignatureOptions.ABSENT);
            }));
        }
        start.countDown();
        int changed = 0;
        for (Future<BatchReport> r : reports) {
            changed += r.get(60, TimeUnit.SECONDS).changedCount();
        }
        pool.shutdown();

        int total = batches * perBatch;
        assertThat(changed).isEqualTo(total);
        assertThat(f.count("SELECT count(*) FROM archive_metadata WHERE project_module = $1")).isEqualTo(2L * total);
        assertThat(f.count("SELECT count(*) FROM source_registry WHERE project_module = $1 AND workflow_run_pending "
                + "AND discovery_signature IS NOT NULL AND discovery_claim_token IS NULL")).isEqualTo(total);
        assertThat(f.count("SELECT count(*) FROM provenance_events WHERE project_module = $1 "
                + "AND event_type = 'discovery.changed'")).isEqualTo(total);
    }
}
