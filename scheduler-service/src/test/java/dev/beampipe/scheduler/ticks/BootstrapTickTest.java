package dev.beampipe.scheduler.ticks;

import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTickTest {

    @Test
    void upsertsEachMaintenanceTickOnceUnderItsFixedKeyInTheSchedulersPool() {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_WORKER_POOL", "ops", "BEAMPIPE_JOB_RETENTION_DAYS", "7",
                    "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "20"));
            BootstrapTick tick = new BootstrapTick(new JobQueue(t.db()), settings);
            tick.run();
            tick.run();
            tick.run();
            assertThat(t.db().sql().list("SELECT idempotency_key || '@' || pool FROM jobs ORDER BY 1", r -> r.getString(0)))
                    .containsExactly("lease_recovery_tick@ops", "lost_worker_tick@ops", "retention_tick@ops");
            assertThat(t.db().sql().first("SELECT payload FROM jobs WHERE kind = 'lost_worker_tick'", r -> r.getValue(0).toString()))
                    .hasValueSatisfying(p -> assertThat(p).contains("\"stale_after_seconds\":60"));
            assertThat(t.db().sql().first("SELECT payload FROM jobs WHERE kind = 'retention_tick'", r -> r.getValue(0).toString()))
                    .hasValueSatisfying(p -> assertThat(p).contains("\"job_retention_days\":7"));
        }
    }
}
