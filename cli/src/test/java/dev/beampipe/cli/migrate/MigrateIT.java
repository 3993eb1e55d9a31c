package dev.beampipe.cli.migrate;

import dev.beampipe.cli.PackagedCli;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.db.Migrations;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe migrate} as an operator runs it, against a fresh database on the local PostgreSQL. */
class MigrateIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    @Test
    void migrateTwiceAppliesEverythingOnceThenNothing() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url().toUrlWithSecret());

            PackagedCli.Result first = cli.run(dir, env, List.of(), TIMEOUT, "migrate");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("migrations applied" + System.lineSeparator());
            assertThat(Migrations.status(db.url()).upToDate()).isTrue();
            long historyAfterFirst = historyRows(db.url());
            assertThat(historyAfterFirst).isPositive();

            PackagedCli.Result second = cli.run(dir, env, List.of(), TIMEOUT, "migrate");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo("migrations applied" + System.lineSeparator());
            assertThat(second.err()).contains("0 migrations applied");
            assertThat(historyRows(db.url())).isEqualTo(historyAfterFirst);
        }
    }

    @Test
    void missingDatabaseUrlIsAnError() throws Exception {
        PackagedCli.Result r = cli.run(dir, Map.of(), List.of("DATABASE_URL"), TIMEOUT, "migrate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: DATABASE_URL is not set");
    }

    @Test
    void unreachableDatabaseIsAnErrorThatNeverShowsThePassword() throws Exception {
        String password = "pw-" + System.nanoTime();
        PackagedCli.Result r = cli.run(dir, Map.of("DATABASE_URL", "postgres://beampipe:" + password + "@127.0.0.1:1/beampipe"),
                List.of(), TIMEOUT, "migrate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: cannot apply migrations to postgres://beampipe:[REDACTED]@127.0.0.1:1/beampipe")
                .doesNotContain(password);
    }

    private static long historyRows(DatabaseUrl url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
