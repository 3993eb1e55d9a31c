package dev.beampipe.benchmarks;

import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.model.db.Migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the benchmark runs: the database named by {@code BEAMPIPE_BENCH_DATABASE_URL} (used as it is;
 * the benchmark deletes the rows it created), else a fresh migrated database from the test harness's
 * {@link TestDatabase} (the local server, or an embedded PostgreSQL when none answers), dropped afterwards.
 */
final class BenchDatabase implements AutoCloseable {
    static final String ENV = "BEAMPIPE_BENCH_DATABASE_URL";

    private final DatabaseUrl url;
    private final TestDatabase fresh;
    private final boolean embedded;
    private final String origin;

    private BenchDatabase(DatabaseUrl url, TestDatabase fresh, boolean embedded, String origin) {
        this.url = url;
        this.fresh = fresh;
        this.embedded = embedded;
        this.origin = origin;
    }

    static BenchDatabase open() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(configured);
            Migrations.migrate(url);
            return new BenchDatabase(url, null, false, ENV + " (used as it is; benchmark rows deleted afterwards)");
        }
        TestDatabase fresh = TestDatabase.create();
        boolean embedded = TestDatabase.onEmbeddedServer();
        String where = fresh.url().host() + ":" + fresh.url().port();
        return new BenchDatabase(fresh.url(), fresh, embedded,
                "fresh database on " + (embedded ? "an embedded PostgreSQL (" + where + ")" : where));
    }

    DatabaseUrl url() {
        return url;
    }

    String origin() {
        return origin;
    }

    boolean embedded() {
        return embedded;
    }

    /** Server version and the settings that decide commit cost. */
    Map<String, String> serverFacts() {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String setting : new String[] {"server_version", "max_connections", "shared_buffers", "fsync",
                "synchronous_commit", "wal_sync_method"}) {
            facts.put(setting, queryString(url, "SHOW " + setting));
        }
        facts.put("version", queryString(url, "SELECT version()"));
        return facts;
    }

    /** Deletes what one scenario left behind (its pool's jobs, history, workers) and re-analyses the tables. */
    void cleanUpPool(String pool) {
        execute(url, "DELETE FROM jobs WHERE pool = '" + pool.replace("'", "''") + "'");
        execute(url, "DELETE FROM worker_instances WHERE pool = '" + pool.replace("'", "''") + "'");
        execute(url, "VACUUM ANALYZE jobs, job_claim_history, worker_instances");
    }

    @Override
    public void close() {
        if (fresh != null) {
            fresh.close();
        }
    }

    static void execute(DatabaseUrl url, String statement) {
        try (Connection c = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    static String queryString(DatabaseUrl url, String query) {
        try (Connection c = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed on " + url + ": " + e.getMessage(), e);
        }
    }
}
