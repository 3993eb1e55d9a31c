package dev.beampipe.scheduler.execution;

import dev.beampipe.model.admission.AdmissionFixture;
import dev.beampipe.model.admission.ExecutionLimits;
import dev.beampipe.model.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's execution tick against a real PostgreSQL: admissions, its metric, and two racing schedulers. */
class ExecutionTickTest {
    static final ExecutionLimits.ProcessCaps ROOMY = new ExecutionLimits.ProcessCaps(1000, 1000);

    static double count(SimpleMeterRegistry meters, String reason) {
        Counter c = meters.find("beampipe_execution_admitted").tag("project_module", AdmissionFixture.MODULE)
                .tag("skip_reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static ExecutionTick tick(TestDatabase t, SimpleMeterRegistry meters) {
        return new ExecutionTick(t.db(), meters, Duration.ofSeconds(60), "default", ROOMY);
    }

    @Test
    void admitsTheWallabyProjectAndCountsAdmissionsAndSkips() {
        try (TestDatabase t = TestDatabase.create()) {
            AdmissionFixture fx = new AdmissionFixture(t.db());
            fx.slurmProfile(null);
            fx.config(e -> {
            });
            for (int i = 0; i < 3; i++) {
                fx.readyPending("S" + i, 10);
            }
            fx.readyPending("NOT_YET", 10);
            fx.set("NOT_YET", "last_checked_at = NULL");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ExecutionTick tick = tick(t, meters);

            tick.run();
            assertThat(count(meters, "none")).isEqualTo(3);
            assertThat(count(meters, "sources_skipped_not_ready")).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM jobs WHERE kind = 'execute' AND idempotency_key LIKE 'execute:%'")).isEqualTo(3);

            tick.run();
            assertThat(count(meters, "none")).isEqualTo(3);
            assertThat(count(meters, "sources_skipped_not_ready")).isEqualTo(2);

            fx.set("NOT_YET", "workflow_run_pending = false");
            tick.run();
            assertThat(count(meters, "no_pending_sources")).isEqualTo(1);
        }
    }

    @Test
    void aMissingProfileIsCountedAndNothingIsAdmitted() {
        try (TestDatabase t = TestDatabase.create()) {
            AdmissionFixture fx = new AdmissionFixture(t.db());
            fx.config(e -> {
            }); // names slurm-remote, which does not exist here
            fx.readyPending("S0", 10);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            tick(t, meters).run();
            assertThat(count(meters, "profile_missing")).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM batch_execution_record")).isZero();
            assertThat(fx.count("SELECT count(*) FROM provenance_events WHERE event_type = 'execution.admission_refused'")).isEqualTo(1);
        }
    }

    @Test
    void twoSchedulersWithoutTheLeaderLockNeverAdmitASourceTwice() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            AdmissionFixture fx = new AdmissionFixture(t.db());
            fx.slurmProfile(null);
            fx.config(e -> e.remove("concurrent_execution_run_limit"));
            int sources = 40;
            for (int i = 0; i < sources; i++) {
                fx.readyPending(String.format("S%02d", i), 10);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            List<SimpleMeterRegistry> registries = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry());
            for (SimpleMeterRegistry meters : registries) {
                ExecutionTick tick = tick(t, meters);
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 3; round++) {
                        tick.run();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(fx.count("SELECT count(*) FROM batch_execution_record")).isEqualTo(sources);
            assertThat(fx.count("SELECT count(DISTINCT s->>'source_identifier') FROM batch_execution_record, "
                    + "jsonb_array_elements(sources) AS s")).isEqualTo(sources);
            assertThat(fx.count("SELECT count(*) FROM jobs WHERE kind = 'execute'")).isEqualTo(sources);
            assertThat(count(registries.get(0), "none") + count(registries.get(1), "none")).isEqualTo(sources);
            assertThat(fx.count("SELECT count(*) FROM source_registry WHERE workflow_run_pending OR workflow_claim_token IS NOT NULL"))
                    .isZero();
        }
    }
}
