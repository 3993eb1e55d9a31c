package dev.beampipe.model.sources;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The source registry against a real PostgreSQL (10-state-and-jobs §2.1). */
class SourceRegistryTest {
    static TestDatabase testDb;
    static Database db;
    SourceRegistry registry;
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
        registry = new SourceRegistry(db);
        module = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<String> mark(List<String> identifiers) {
        return db.inTransaction(sql -> registry.markForRediscovery(sql, module, identifiers));
    }

    Optional<String> readiness(List<String> sbids) {
        return db.inTransaction(sql -> registry.readinessError(sql, module, "S1", sbids));
    }

    @Test
    void registrationUpsertsAndOnlyOverwritesEnabled() {
        SourceRow first = registry.register(new NewSource(module, "S1", true));
        db.sql().update("UPDATE source_registry SET discovery_signature = 'sig', stale_after_hours = 5 WHERE uuid = $1", first.uuid());
        SourceRow again = registry.register(new NewSource(module, "S1", false));
        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(again.enabled()).isFalse();
        assertThat(again.discoverySignature()).isEqualTo("sig");
        assertThat(again.staleAfterHours()).isEqualTo(5);
    }

    @Test
    void bulkRegistrationRollsBackAsAWhole() {
        String tooLong = "x".repeat(101);
        assertThatThrownBy(() -> registry.registerAll(List.of(new NewSource(module, "S1", true), new NewSource(module, tooLong, true))))
                .isInstanceOf(RuntimeException.class);
        assertThat(registry.list(module, 10, 0)).isEmpty();
        assertThat(registry.registerAll(List.of(new NewSource(module, "S1", true), new NewSource(module, "S1", false))))
                .extracting(SourceRow::enabled).containsExactly(true, false);
        assertThat(registry.list(module, 10, 0)).hasSize(1);
    }

    @Test
    void patchIsTriState() {
        UUID id = registry.register(new NewSource(module, "S1", false)).uuid();
        assertThat(registry.update(id, null, true, 12).orElseThrow().staleAfterHours()).isEqualTo(12);
        SourceRow kept = registry.update(id, true, false, null).orElseThrow();
        assertThat(kept.staleAfterHours()).isEqualTo(12);
        assertThat(kept.enabled()).isTrue();
        assertThat(registry.update(id, null, true, null).orElseThrow().staleAfterHours()).isNull();
        assertThat(registry.update(Uuid7.next(), true, false, null)).isEmpty();
    }

    @Test
    void rediscoveryMarksOnlyEnabledSelectedSources() {
        registry.register(new NewSource(module, "S2", true));
        registry.register(new NewSource(module, "S1", true));
        registry.register(new NewSource(module, "S3", false));
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), workflow_claim_token = 'w', "
                + "workflow_run_pending = true WHERE project_module = $1", module);
        assertThat(mark(List.of("S2", "S3", "S9")))
                .containsExactly("S2");
        assertThat(mark(List.of())).containsExactly("S1", "S2");
        SourceRow s1 = registry.find(module, "S1").orElseThrow();
        assertThat(s1.lastCheckedAt()).isNull();
        assertThat(s1.workflowClaimToken()).isNull();
        assertThat(s1.workflowRunPending()).isTrue();
        assertThat(registry.find(module, "S3").orElseThrow().lastCheckedAt()).isNotNull();
    }

    @Test
    void readinessReadsTheRowAndItsMetadata() {
        assertThat(readiness(null))
                .contains("Source S1 is not registered. Register and discover the source before execution.");
        registry.register(new NewSource(module, "S1", true));
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), discovery_signature = 'abc' "
                + "WHERE project_module = $1", module);
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "VALUES ($1, $2, 'S1', '7', $3::text::jsonb)", Uuid7.next(), module, "{\"discovery_flags\": {\"ok\": true}}");
        assertThat(readiness(null)).isEmpty();
        assertThat(readiness(List.of("8")))
                .contains("Source S1 has no discovered metadata (SBIDs: [\"8\"]). Run discovery first (POST /api/v2/sources/discover).");
        SourceStatus status = registry.status(registry.find(module, "S1").orElseThrow());
        assertThat(status.readyForExecution()).isTrue();
    }
}
