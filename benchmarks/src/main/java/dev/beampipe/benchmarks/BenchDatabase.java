package dev.beampipe.benchmarks;

import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where the benchmark runs: the database named by {@code BEAMPIPE_BENCH_DATABASE_URL} (used as it is;
 * the benchmark deletes the rows it created), else a fresh database created on the local server
 * {@code postgres://postgres@127.0.0.1:5432/postgres} and dropped afterwards, else (no server answers)
 * a fresh database on an embedded PostgreSQL. Always migrated.
 */
final class BenchDatabase implements AutoCloseable {
    static final String ENV = "BEAMPIPE_BENCH_DATABASE_URL";
    static final String DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";
    /** Only to exercise the fallback: a different local server than {@link #DEFAULT_SERVER}. */
    static final String SERVER_PROPERTY = "beampipe.bench.server";

    private final DatabaseUrl url;
    private final DatabaseUrl admin;
    private final EmbeddedPostgres embedded;
    private final String origin;

    private BenchDatabase(DatabaseUrl url, DatabaseUrl admin, EmbeddedPostgres embedded, String origin) {
        this.url = url;
        this.admin = admin;
        this.embedded = embedded;
        this.origin = origin;
    }

    static BenchDatabase open() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(configured);
            if (!reachable(url)) {
                throw new IllegalStateException(ENV + " is set but " + url + " is not reachable");
            }
            Migrations.migrate(url);
            return new BenchDatabase(url, null, null, ENV + " (used as it is; benchmark rows deleted afterwards)");
        }
        DatabaseUrl server = DatabaseUrl.parse(System.getProperty(SERVER_PROPERTY, DEFAULT_SERVER));
        EmbeddedPostgres embedded = null;
        String origin;
        if (reachable(server)) {
            origin = "fresh database on " + server;
        } else {
            System.err.println("no PostgreSQL at " + server + "; starting an embedded PostgreSQL");
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (Exception e) {
                throw new IllegalStateException("no PostgreSQL at " + server + " and the embedded PostgreSQL failed to start", e);
            }
            server = DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + embedded.getPort() + "/postgres");
            origin = "fresh database on an embedded PostgreSQL (" + server + ")";
        }
        String name = "bp_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        DatabaseUrl url = server.withDatabase(name);
        BenchDatabase db = new BenchDatabase(url, server, embedded, origin);
        try {
            Migrations.migrate(url);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    DatabaseUrl url() {
        return url;
    }

    String origin() {
        return origin;
    }

    boolean embedded() {
        return embedded != null;
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
        try {
            if (admin != null) {
                execute(admin, "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
            }
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (Exception e) {
                    System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }
        }
    }

    private static boolean reachable(DatabaseUrl url) {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password())) {
            return true;
        } catch (SQLException e) {
            return false;
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
