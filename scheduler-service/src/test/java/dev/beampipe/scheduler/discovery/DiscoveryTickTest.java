package dev.beampipe.scheduler.discovery;

import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.model.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The manual discover trigger run by the scheduler's discovery tick, against a real PostgreSQL. */
class DiscoveryTickTest {

    @Test
    void aQueuedTriggerIsAdmittedOnceAndCompleted() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            for (int i = 0; i < 12; i++) {
                t.db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                        + "VALUES ($1, 'wallaby', $2, true)", Uuid7.next(), String.format("s%02d", i));
            }
            new JobQueue(t.db()).enqueue(EnqueueRequest.of("scheduler_tick", new JsonObject().put("project_module", "wallaby"))
                    .withKey("discover_trigger:wallaby"));

            // two leaders-by-mistake racing the same trigger: one admits, the other finds it completed
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DiscoveryTick tick = new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", TapHealth.from(Map.of()), new SimpleMeterRegistry());
                futures.add(pool.submit(() -> {
                    start.await();
                    tick.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE idempotency_key = 'discover_trigger:wallaby' "
                    + "AND status = 'completed'")).isEqualTo(1);
            // no active config: the defaults apply (batch size 5, budget 200) -> 5 + 5 + 2
            List<Integer> sizes = t.db().sql().list("SELECT jsonb_array_length(payload->'source_identifiers') FROM jobs "
                    + "WHERE kind = 'discover_batch' ORDER BY created_at, uuid", r -> r.getInteger(0));
            assertThat(sizes).containsExactly(5, 5, 2);
            assertThat(t.db().sql().count("SELECT count(*) FROM source_registry WHERE discovery_claim_token IS NOT NULL"))
                    .isEqualTo(12);
        }
    }

    @Test
    void anActiveConfigWithDiscoveryEnabledIsAdmittedWithItsBatchSize() {
        try (TestDatabase t = TestDatabase.create()) {
            ParseResult.Parsed parsed = (ParseResult.Parsed) ProjectConfigValidation.parse(ReferenceConfigs.wallaby());
            new ConfigRevisions(t.db()).upload("wallaby_hires", ModelTree.toJson(parsed.config()), "a".repeat(64), "system:test");
            for (int i = 0; i < 25; i++) {
                t.db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                        + "VALUES ($1, 'wallaby_hires', $2, true)", Uuid7.next(), String.format("s%02d", i));
            }
            DiscoveryTick tick = new DiscoveryTick(t.db(), Duration.ofSeconds(60), "default", TapHealth.from(Map.of()), new SimpleMeterRegistry());
            tick.run();
            // batch_size 10 in the reference config
            assertThat(t.db().sql().list("SELECT jsonb_array_length(payload->'source_identifiers') FROM jobs "
                    + "WHERE kind = 'discover_batch' ORDER BY created_at, uuid", r -> r.getInteger(0))).containsExactly(10, 10, 5);
            tick.run();
            assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch'")).isEqualTo(3);
        }
    }
}
