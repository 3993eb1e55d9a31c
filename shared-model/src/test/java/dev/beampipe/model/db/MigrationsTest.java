package dev.beampipe.model.db;

import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @Test
    void migrateAppliesEverythingOnceAndTheSecondRunIsANoOp() {
        try (TestDatabase t = TestDatabase.createEmpty()) {
            assertThat(Migrations.migrate(t.url())).isGreaterThanOrEqualTo(22);
            assertThat(Migrations.migrate(t.url())).isZero();
            assertThat(Migrations.status(t.url()).upToDate()).isTrue();
            Migrations.Status quick = Migrations.statusOf(t.db());
            assertThat(quick.upToDate()).isTrue();
            assertThat(quick.currentVersion()).isEqualTo(Migrations.LATEST_VERSION);
            assertThat(t.db().sql().count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_name IN ('users','token_blacklist','daliuge_deployment_profile','source_registry','archive_metadata',"
                    + "'batch_execution_record','project_configs','project_config_wasm','jobs','worker_instances','job_claim_history',"
                    + "'execution_observations','execution_artifacts','provenance_events','notification_channels','alert_rules',"
                    + "'alert_deliveries','scheduler_leader','scheduler_tick_log','rate_limit_counters')")).isEqualTo(20);
        }
    }

    @Test
    void anEmptyDatabaseIsNotUpToDate() {
        try (TestDatabase t = TestDatabase.createEmpty()) {
            t.db().sql().update("CREATE TABLE flyway_schema_history (version text, success boolean)");
            assertThat(Migrations.statusOf(t.db()).upToDate()).isFalse();
        }
    }

    @Test
    void latestVersionNamesTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path dir = Path.of(Migrations.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            String newest = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V"))
                    .map(n -> n.substring(1, n.indexOf("__"))).max(String::compareTo).orElseThrow();
            assertThat(Migrations.LATEST_VERSION).isEqualTo(newest);
        }
    }
}
