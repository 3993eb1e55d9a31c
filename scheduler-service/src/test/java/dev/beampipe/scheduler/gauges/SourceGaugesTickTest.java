package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The source gauges on PostgreSQL, with rows in every readiness and processing state. */
class SourceGaugesTickTest {
    static final String SIG_A = "a".repeat(64);
    static final String SIG_B = "b".repeat(64);

    static double gauge(SimpleMeterRegistry meters, String name, String... tags) {
        var g = meters.find(name).tags(tags).gauge();
        assertThat(g).as(name + " " + String.join(",", tags)).isNotNull();
        return g.value();
    }

    /** One source row; {@code set} is a SQL SET list applied after the insert. */
    static void source(TestDatabase t, String module, String id, boolean enabled, String set) {
        UUID uuid = Uuid7.next();
        t.db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) VALUES ($1, $2, $3, $4)",
                uuid, module, id, enabled);
        if (!set.isEmpty()) {
            t.db().sql().update("UPDATE source_registry SET " + set + " WHERE uuid = $1", uuid);
        }
    }

    static void execution(TestDatabase t, String module, String status, String sourcesJson) {
        t.db().sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status) "
                + "VALUES ($1, $2, $3, 'casda', $4)", Uuid7.next(), module, new JsonArray(sourcesJson), status);
    }

    @Test
    void pendingProcessingAndReadinessPerModule() {
        try (TestDatabase t = TestDatabase.create()) {
            String m = "wallaby_hires";
            source(t, m, "disabled", false, "");
            source(t, m, "disabled-pending", false, "workflow_run_pending = true, workflow_run_pending_at = now() - interval '9 hours'");
            source(t, m, "new", true, "");
            source(t, m, "discovering", true, "discovery_claim_token = 't1', discovery_claim_expires_at = now() + interval '1 hour'");
            source(t, m, "expired-claim", true, "discovery_claim_token = 't2', discovery_claim_expires_at = now() - interval '1 minute'");
            source(t, m, "pending-old", true, "discovery_signature = '" + SIG_A + "', last_checked_at = now(), "
                    + "workflow_run_pending = true, workflow_run_pending_at = now() - interval '2 hours'");
            source(t, m, "pending-new", true, "discovery_signature = '" + SIG_A + "', last_checked_at = now(), "
                    + "workflow_run_pending = true, workflow_run_pending_at = now() - interval '10 minutes'");
            source(t, m, "admitting", true, "discovery_signature = '" + SIG_A + "', workflow_run_pending = true, "
                    + "workflow_run_pending_at = now(), workflow_claim_token = 'w1', workflow_claimed_at = now(), "
                    + "workflow_claim_expires_at = now() + interval '1 hour'");
            source(t, m, "admitting-and-discovering", true, "discovery_signature = '" + SIG_A + "', workflow_claim_token = 'w2', "
                    + "workflow_claim_expires_at = now() + interval '1 hour', discovery_claim_token = 't3', "
                    + "discovery_claim_expires_at = now() + interval '1 hour'");
            source(t, m, "no-datasets", true, "discovery_signature = '" + DiscoverySignature.NO_DATASETS_SIGNATURE + "'");
            source(t, m, "executed", true, "discovery_signature = '" + SIG_A + "', last_executed_discovery_signature = '" + SIG_A + "'");
            source(t, m, "changed", true, "discovery_signature = '" + SIG_B + "', last_executed_discovery_signature = '" + SIG_A + "'");
            source(t, m, "executing", true, "discovery_signature = '" + SIG_B + "', discovery_claim_token = 't4', "
                    + "discovery_claim_expires_at = now() + interval '1 hour'");
            execution(t, m, "running", "[{\"source_identifier\": \"executing\"}]");
            execution(t, m, "awaiting_scheduler", "[{\"source_identifier\": \"executing\", \"sbids\": [\"1\"]}]");
            execution(t, m, "completed", "[{\"source_identifier\": \"changed\"}]");
            // a module with an active config and no sources; one whose only source is disabled (not a known module)
            t.db().sql().update("INSERT INTO project_configs (uuid, project_id, version, spec, spec_sha256) "
                    + "VALUES ($1, 'empty_project', 1, '{}'::jsonb, $2)", Uuid7.next(), "c".repeat(64));
            source(t, "retired", "old", false, "workflow_run_pending = true, workflow_run_pending_at = now()");

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            SourceGaugesTick tick = new SourceGaugesTick(t.db(), meters);
            tick.run();

            // pending: enabled sources only (the disabled pending ones are not awaiting admission)
            assertThat(gauge(meters, "beampipe_workflow_pending_sources", "project_module", m)).isEqualTo(3);
            assertThat(gauge(meters, "beampipe_pending_age_seconds", "project_module", m)).isBetween(7190.0, 7300.0);
            assertThat(gauge(meters, "beampipe_workflow_pending_sources", "project_module", "empty_project")).isZero();
            assertThat(gauge(meters, "beampipe_pending_age_seconds", "project_module", "empty_project")).isZero();
            assertThat(meters.find("beampipe_workflow_pending_sources").tags("project_module", "retired").gauge()).isNull();

            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "discovering")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "admitting")).isEqualTo(2);
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "executing")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", "retired", "phase", "executing")).isZero();

            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "disabled")).isEqualTo(2);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "not discovered")).isEqualTo(2);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "discovering")).isEqualTo(3);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "pending admission")).isEqualTo(3);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "no datasets")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "executed")).isEqualTo(1);
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "ready (changed)")).isEqualTo(1);
            long total = t.db().sql().count("SELECT count(*) FROM source_registry WHERE project_module = $1", m);
            double sum = meters.find("beampipe_sources_by_readiness").tags("project_module", m).gauges().stream()
                    .mapToDouble(g -> g.value()).sum();
            assertThat(sum).as("every source counted exactly once").isEqualTo(total);

            // the executions end and the module's sources are deleted: the series drop to 0 instead of lingering
            t.db().sql().update("UPDATE batch_execution_record SET status = 'completed' WHERE status <> 'completed'");
            tick.run();
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "executing")).isZero();
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "discovering")).isEqualTo(2);
            t.db().sql().update("DELETE FROM source_registry WHERE project_module = $1", m);
            tick.run();
            assertThat(gauge(meters, "beampipe_workflow_pending_sources", "project_module", m)).isZero();
            assertThat(gauge(meters, "beampipe_pending_age_seconds", "project_module", m)).isZero();
            assertThat(gauge(meters, "beampipe_sources_processing", "project_module", m, "phase", "admitting")).isZero();
            assertThat(gauge(meters, "beampipe_sources_by_readiness", "project_module", m, "readiness", "pending admission")).isZero();
        }
    }
}
