package dev.beampipe.worker.discovery;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.ProjectDiscovery;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.worker.runtime.HandlerRegistry;
import dev.beampipe.worker.runtime.WorkerMetrics;
import dev.beampipe.worker.runtime.WorkerRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The manual discover trigger claimed by a worker (it has no required capability) is admitted there instead of
 * failing as an unknown kind; racing the scheduler's path for the same module admits every source once.
 */
class DiscoveryTriggerHandlerTest {

    static WorkerSettings settings(String pool) {
        return new WorkerSettings(pool, 2, 2, 30, 7, 200, WorkerSettings.DEFAULT_CAPABILITIES, Map.of(), Optional.empty());
    }

    static void register(Database db, String module, int count) {
        for (int i = 0; i < count; i++) {
            db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                    + "VALUES ($1, $2, $3, true)", Uuid7.next(), module, String.format("HIPASSJ%04d-00", i));
        }
    }

    static WorkerRuntime worker(Database db, String pool) {
        return new WorkerRuntime(db, settings(pool), new HandlerRegistry()
                .register(new DiscoveryTriggerHandler(new ProjectDiscovery(db), pool)),
                new WorkerMetrics(new SimpleMeterRegistry()), Map.of());
    }

    @Test
    void aWorkerThatClaimsTheTriggerAdmitsTheModulesDueSources() {
        try (TestDatabase t = TestDatabase.create()) {
            register(t.db(), "wallaby", 12);
            new JobQueue(t.db()).enqueue(EnqueueRequest.of("scheduler_tick", new JsonObject().put("project_module", "wallaby"))
                    .withKey("discover_trigger:wallaby"));
            try (WorkerRuntime worker = worker(t.db(), "default")) {
                worker.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> t.db().sql().count("SELECT count(*) FROM jobs "
                        + "WHERE idempotency_key = 'discover_trigger:wallaby' AND status = 'completed'") == 1);
            }
            // no active config: the defaults (batch size 5) -> 5 + 5 + 2, in the worker's pool
            assertThat(t.db().sql().list("SELECT jsonb_array_length(payload->'source_identifiers') FROM jobs "
                    + "WHERE kind = 'discover_batch' AND pool = 'default' ORDER BY created_at, uuid", r -> r.getInteger(0)))
                    .containsExactly(5, 5, 2);
        }
    }

    @Test
    void aTriggerWithoutAProjectFailsWithAClearReason() {
        try (TestDatabase t = TestDatabase.create()) {
            new JobQueue(t.db()).enqueue(EnqueueRequest.of("scheduler_tick", new JsonObject()).withKey("discover_trigger:"));
            try (WorkerRuntime worker = worker(t.db(), "default")) {
                worker.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> t.db().sql().count("SELECT count(*) FROM jobs "
                        + "WHERE kind = 'scheduler_tick' AND last_error LIKE '%no project_module%'") == 1);
            }
            assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch'")).isZero();
        }
    }

    @Test
    void workersAndTheSchedulerPathRacingOneModuleAdmitEverySourceOnce() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            register(t.db(), "wallaby", 60);
            JobQueue queue = new JobQueue(t.db());
            for (int i = 0; i < 4; i++) {
                queue.enqueue(EnqueueRequest.of("scheduler_tick", new JsonObject().put("project_module", "wallaby"))
                        .withKey("discover_trigger:wallaby:" + i));
            }
            ExecutorService threads = Executors.newFixedThreadPool(3);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> admissions = new java.util.ArrayList<>();
            try (WorkerRuntime a = worker(t.db(), "default"); WorkerRuntime b = worker(t.db(), "default")) {
                for (int i = 0; i < 3; i++) {
                    admissions.add(threads.submit(() -> {
                        start.await();
                        return new ProjectDiscovery(t.db()).admitNow("wallaby", "default");
                    }));
                }
                a.start();
                b.start();
                start.countDown();
                for (Future<?> f : admissions) {
                    f.get();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> t.db().sql().count("SELECT count(*) FROM jobs "
                        + "WHERE kind = 'scheduler_tick' AND status = 'completed'") == 4);
            } finally {
                threads.shutdown();
            }
            List<String> admitted = t.db().sql().list("SELECT jsonb_array_elements_text(payload->'source_identifiers') "
                    + "FROM jobs WHERE kind = 'discover_batch'", r -> r.getString(0));
            assertThat(admitted).doesNotHaveDuplicates();
            assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'scheduler_tick' AND status <> 'completed'"))
                    .isZero();
        }
    }
}
