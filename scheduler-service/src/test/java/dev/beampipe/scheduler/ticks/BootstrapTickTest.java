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

    @Test
    void upsertsTheDimPollTickWithTheDaliugeCapabilityAndRefreshesItsInterval() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_WORKER_POOL", "ops"));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<com.fasterxml.jackson.databind.JsonNode> specs = new java.util.ArrayList<>();
            BootstrapTick tick = new BootstrapTick(new JobQueue(t.db()), settings,
                    new dev.beampipe.model.settings.EnvValues(Map.of()), () -> specs);
            tick.run();
            assertThat(t.db().sql().list("SELECT pool || '/' || required_capability || '/' || (payload->>'interval_secs') "
                    + "FROM jobs WHERE idempotency_key = 'dim_poll_tick' AND kind = 'dim_poll_tick'", r -> r.getString(0)))
                    .containsExactly("ops/daliuge-deployment/3");

            specs.add(json.readTree("{\"automation\":{\"execution\":{\"execution_rest_remote_poll_interval_seconds\":5}}}"));
            tick.run();
            tick.run();
            assertThat(t.db().sql().list("SELECT payload->>'interval_secs' FROM jobs WHERE kind = 'dim_poll_tick'",
                    r -> r.getString(0))).containsExactly("5");
        }
    }

    @Test
    void upsertsTheSlurmPollTickWithTheSlurmCapabilityAndRefreshesItsInterval() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_WORKER_POOL", "ops"));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<com.fasterxml.jackson.databind.JsonNode> specs = new java.util.ArrayList<>();
            BootstrapTick tick = new BootstrapTick(new JobQueue(t.db()), settings,
                    new dev.beampipe.model.settings.EnvValues(Map.of()), () -> specs);
            tick.run();
            assertThat(t.db().sql().list("SELECT pool || '/' || required_capability || '/' || (payload->>'interval_secs') "
                    + "FROM jobs WHERE idempotency_key = 'slurm_poll_tick' AND kind = 'slurm_poll_tick'", r -> r.getString(0)))
                    .containsExactly("ops/slurm-remote/30");

            specs.add(json.readTree("{\"automation\":{\"execution\":{\"execution_slurm_remote_poll_interval_seconds\":60.0}}}"));
            tick.run();
            tick.run();
            assertThat(t.db().sql().list("SELECT payload->>'interval_secs' FROM jobs WHERE kind = 'slurm_poll_tick'",
                    r -> r.getString(0))).containsExactly("60");
        }
    }

    @Test
    void aMalformedSlurmPollIntervalStopsTheSchedulerAtStartupWithTheSettingsName() {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BootstrapTick(new JobQueue(t.db()), settings,
                            new dev.beampipe.model.settings.EnvValues(Map.of("BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS", "30s")),
                            java.util.List::of))
                    .isInstanceOf(dev.beampipe.model.settings.SettingsException.class)
                    .hasMessageContaining("BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS must be an integer (got '30s')");
        }
    }

    @Test
    void aFailingConfigReadStillCreatesTheMaintenanceTicksAndTheDimTickComesOnceItRecovers() {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret(), "BEAMPIPE_WORKER_POOL", "ops"));
            java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
            BootstrapTick tick = new BootstrapTick(new JobQueue(t.db()), settings,
                    new dev.beampipe.model.settings.EnvValues(Map.of()), () -> {
                        if (broken.get()) {
                            throw new IllegalStateException("connection to project_configs lost");
                        }
                        return java.util.List.of();
                    });
            tick.run();
            assertThat(t.db().sql().list("SELECT idempotency_key FROM jobs ORDER BY 1", r -> r.getString(0)))
                    .containsExactly("lease_recovery_tick", "lost_worker_tick", "retention_tick");

            broken.set(false);
            tick.run();
            assertThat(t.db().sql().list("SELECT idempotency_key FROM jobs ORDER BY 1", r -> r.getString(0)))
                    .containsExactly("dim_poll_tick", "lease_recovery_tick", "lost_worker_tick", "retention_tick", "slurm_poll_tick");
        }
    }

    @Test
    void aMalformedDimPollIntervalStopsTheSchedulerAtStartupWithTheSettingsName() {
        try (TestDatabase t = TestDatabase.create()) {
            Settings settings = Settings.fromEnv(Map.of("DATABASE_URL", t.url().toUrlWithSecret()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BootstrapTick(new JobQueue(t.db()), settings,
                            new dev.beampipe.model.settings.EnvValues(Map.of("BEAMPIPE_DIM_POLL_INTERVAL_SECONDS", "3s")),
                            java.util.List::of))
                    .isInstanceOf(dev.beampipe.model.settings.SettingsException.class)
                    .hasMessageContaining("BEAMPIPE_DIM_POLL_INTERVAL_SECONDS must be an integer (got '3s')");
            assertThat(t.db().sql().count("SELECT count(*) FROM jobs")).isZero();
        }
    }
}
