package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.model.testing.Workers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueGaugesTickTest {

    static double gauge(SimpleMeterRegistry meters, String name, String... tags) {
        var g = meters.find(name).tags(tags).gauge();
        assertThat(g).as(name + " " + String.join(",", tags)).isNotNull();
        return g.value();
    }

    @Test
    void theLeaderExportsDepthRunningPerKindPerPoolAgeAndStatusAndResetsVanishedSeries() {
        try (TestDatabase t = TestDatabase.create()) {
            JobQueue queue = new JobQueue(t.db());
            queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("a"));
            queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("b"));
            queue.enqueue(EnqueueRequest.of("execute", new JsonObject()).inPool("a"));
            queue.enqueue(EnqueueRequest.of("noop", new JsonObject()).inPool("a").delayedBy(3600));
            t.db().sql().update("UPDATE jobs SET next_run_at = now() - interval '120 seconds' WHERE kind = 'execute'");
            queue.claim(Workers.register(t.db(), "b", 1), "b", 60).orElseThrow();

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            QueueGaugesTick tick = new QueueGaugesTick(t.db(), meters);
            tick.run();

            assertThat(gauge(meters, "beampipe_jobs_queue_depth")).isEqualTo(2);
            assertThat(gauge(meters, "beampipe_jobs_running")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_jobs_queued", "kind", "noop")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_jobs_queued", "kind", "execute")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_jobs_oldest_queued_age_seconds", "kind", "execute")).isGreaterThanOrEqualTo(119);
            assertThat(gauge(meters, "beampipe_jobs_pool_queue_depth", "pool", "a")).isEqualTo(2);
            assertThat(gauge(meters, "beampipe_jobs_by_status", "status", "queued")).isEqualTo(3);
            assertThat(gauge(meters, "beampipe_jobs_by_status", "status", "running")).isEqualTo(1);

            t.db().sql().update("DELETE FROM jobs WHERE kind = 'execute'");
            tick.run();
            assertThat(gauge(meters, "beampipe_jobs_queued", "kind", "execute")).as("vanished series reset to 0").isZero();
            assertThat(gauge(meters, "beampipe_jobs_oldest_queued_age_seconds", "kind", "execute")).isZero();
            assertThat(gauge(meters, "beampipe_jobs_queue_depth")).isEqualTo(1);
        }
    }
}
