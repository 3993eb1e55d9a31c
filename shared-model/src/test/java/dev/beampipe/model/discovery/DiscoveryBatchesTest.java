package dev.beampipe.model.discovery;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Claim + enqueue of discover_batch jobs against a real PostgreSQL, including two racing ticks. */
class DiscoveryBatchesTest {
    static TestDatabase testDb;
    static Database db;
    DiscoveryBatches batches;
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
    void fresh() {
        batches = new DiscoveryBatches(db);
        module = "m" + UUID.randomUUID().toString().substring(0, 8);
        db.sql().update("DELETE FROM jobs WHERE kind = 'discover_batch'");
    }

    void sources(int n) {
        for (int i = 0; i < n; i++) {
            db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                    + "VALUES ($1, $2, $3, true)", Uuid7.next(), module, String.format("s%03d", i));
        }
    }

    static DiscoveryLimits limits(int batch, int sourceLimit, int batchLimit, int concurrent) {
        return DiscoveryLimits.resolve(batch, sourceLimit, batchLimit, 60, 24, null, concurrent, 100, null);
    }

    @Test
    void enqueuesOneJobPerClaimWithThePayloadContract() {
        sources(7);
        DiscoveryBatches.Admission admission = batches.admit(module, 3, limits(3, 100, 10, 10), 100, "default");
        assertThat(admission.batches()).hasSize(3);
        List<JsonObject> payloads = db.sql().list("SELECT payload FROM jobs WHERE kind = 'discover_batch' "
                + "AND payload->>'project_module' = $1 ORDER BY created_at, uuid", r -> r.getJsonObject(0), module);
        assertThat(payloads).hasSize(3);
        assertThat(payloads.get(0).getString("claim_token")).isEqualTo(admission.batches().get(0).token());
        assertThat(payloads.get(0).getLong("config_revision")).isEqualTo(3L);
        assertThat(payloads.get(0).getJsonArray("source_identifiers").getList()).containsExactly("s000", "s001", "s002");
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE idempotency_key = $1",
                "discover:" + module + ":" + admission.batches().get(2).token())).isEqualTo(1);
    }

    @Test
    void respectsBatchLimitAndProjectInFlightCap() {
        sources(20);
        assertThat(batches.admit(module, 1, limits(2, 100, 2, 10), 100, "default").batches()).hasSize(2);
        assertThat(batches.admit(module, 1, limits(2, 100, 10, 3), 100, "default").batches()).hasSize(1);
        DiscoveryBatches.Admission skipped = batches.admit(module, 1, limits(2, 100, 10, 3), 100, "default");
        assertThat(skipped.skipped()).contains("project_in_flight");
        assertThat(batches.admit(module, 1, limits(2, 100, 10, 10), 3, "default").skipped()).contains("global_in_flight");
    }

    @Test
    void twoRacingTicksNeverClaimASourceTwice() throws Exception {
        sources(30);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DiscoveryBatches.Admission>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                return batches.admit(module, 1, limits(4, 100, 100, 100), 1000, "default");
            }));
        }
        start.countDown();
        List<String> claimed = new ArrayList<>();
        for (Future<DiscoveryBatches.Admission> f : futures) {
            f.get().batches().forEach(b -> claimed.addAll(b.identifiers()));
        }
        pool.shutdown();
        assertThat(claimed).hasSize(30).doesNotHaveDuplicates();
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch' AND payload->>'project_module' = $1",
                module)).isEqualTo(8);
    }
}
