package dev.beampipe.model.discovery;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.SourceClaims.Claim;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery claims against a real PostgreSQL (10-state-and-jobs §4.1), including races with real threads. */
class SourceClaimsTest {
    static TestDatabase testDb;
    static Database db;
    SourceClaims claims;
    String module;

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
    void freshModule() {
        claims = new SourceClaims(db);
        module = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    void source(String identifier, boolean enabled, String lastCheckedAgo, Integer staleAfterHours) {
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, last_checked_at, "
                        + "stale_after_hours) VALUES ($1, $2, $3, $4, now() - $5::text::interval, $6)",
                Uuid7.next(), module, identifier, enabled, lastCheckedAgo, staleAfterHours);
    }

    @Test
    void claimsOnlyDueSourcesInCreationOrder() {
        source("a", true, null, null);
        source("b", false, null, null);
        source("c", true, "1 hour", null);
        source("d", true, "25 hours", null);
        source("e", true, "3 hours", 2);
        source("f", true, "30 hours", 48);
        Claim claim = claims.claim(module, 24, 10, 60).orElseThrow();
        assertThat(claim.identifiers()).containsExactly("a", "d", "e");
        assertThat(claims.claim(module, 24, 10, 60)).isEmpty();
        assertThat(claims.claim(module, 24, 0, 60)).isEmpty();
    }

    @Test
    void limitAndRelease() {
        for (int i = 0; i < 5; i++) {
            source("s" + i, true, null, null);
        }
        Claim first = claims.claim(module, 24, 2, 60).orElseThrow();
        assertThat(first.identifiers()).containsExactly("s0", "s1");
        assertThat(claims.release(module, "not-the-token")).isZero();
        assertThat(claims.release(module, first.token())).isEqualTo(2);
        assertThat(claims.claim(module, 24, 10, 60).orElseThrow().identifiers()).hasSize(5);
    }

    @Test
    void concurrentTicksNeverClaimTheSameSourceTwice() throws Exception {
        int sources = 60;
        for (int i = 0; i < sources; i++) {
            source(String.format("s%03d", i), true, null, null);
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Claim>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<List<Claim>> tick = () -> {
                start.await();
                List<Claim> mine = new ArrayList<>();
                Optional<Claim> claim;
                while ((claim = claims.claim(module, 24, 3, 60)).isPresent()) {
                    mine.add(claim.get());
                }
                return mine;
            };
            futures.add(pool.submit(tick));
        }
        start.countDown();
        List<String> claimed = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (Future<List<Claim>> f : futures) {
            for (Claim c : f.get()) {
                claimed.addAll(c.identifiers());
                assertThat(tokens.add(c.token())).isTrue();
            }
        }
        pool.shutdown();
        assertThat(claimed).hasSize(sources).doesNotHaveDuplicates();
    }

    @Test
    void expiredClaimIsReclaimedAndTheOldTokenChangesNothing() {
        source("x", true, null, null);
        Claim old = claims.claim(module, 24, 5, 60).orElseThrow();
        assertThat(claims.claim(module, 24, 5, 60)).isEmpty();
        db.sql().update("UPDATE source_registry SET discovery_claim_expires_at = now() - interval '1 second' "
                + "WHERE project_module = $1", module);
        Claim fresh = claims.claim(module, 24, 5, 60).orElseThrow();
        assertThat(fresh.token()).isNotEqualTo(old.token());

        assertThat(claims.markChecked(db.sql(), module, "x", old.token())).isFalse();
        assertThat(claims.markAttempted(db.sql(), module, "x", old.token())).isFalse();
        assertThat(claims.release(module, old.token())).isZero();
        assertThat(db.sql().count("SELECT count(*) FROM source_registry WHERE project_module = $1 "
                + "AND last_checked_at IS NULL AND last_attempted_at IS NULL AND discovery_claim_token = $2",
                module, fresh.token())).isEqualTo(1);

        assertThat(claims.holds(db.sql(), module, "x", fresh.token())).isTrue();
        assertThat(claims.markChecked(db.sql(), module, "x", fresh.token())).isTrue();
        assertThat(claims.release(module, fresh.token())).isEqualTo(1);
    }

    @Test
    void racingReclaimOfOneExpiredSourceHasOneWinner() throws Exception {
        source("x", true, null, null);
        claims.claim(module, 24, 5, 60).orElseThrow();
        db.sql().update("UPDATE source_registry SET discovery_claim_expires_at = now() - interval '1 second' "
                + "WHERE project_module = $1", module);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                return claims.claim(module, 24, 5, 60).isPresent();
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : futures) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }
}
