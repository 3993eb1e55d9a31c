package dev.beampipe.model.testing;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, migrated PostgreSQL database for one test class: created on the server named by
 * {@code BEAMPIPE_TEST_DATABASE_URL} (default the local server on 127.0.0.1:5432), or on an embedded
 * PostgreSQL when no server answers. Dropped on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";
    private static DatabaseUrl server;
    private static EmbeddedPostgres embedded;

    private final DatabaseUrl url;
    private Database database;

    private TestDatabase(DatabaseUrl url) {
        this.url = url;
    }

    /** A new empty database with every migration applied. */
    public static TestDatabase create() {
        TestDatabase t = createEmpty();
        Migrations.migrate(t.url);
        return t;
    }

    /** A new empty database with no migration applied. */
    public static TestDatabase createEmpty() {
        DatabaseUrl admin = server();
        String name = "bp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(admin, "CREATE DATABASE " + name);
        return new TestDatabase(admin.withDatabase(name));
    }

    public DatabaseUrl url() {
        return url;
    }

    /** True when no server answered and the database lives on the embedded PostgreSQL. */
    public static synchronized boolean onEmbeddedServer() {
        server();
        return embedded != null;
    }

    /** A pooled client on this database, opened on first use and closed with the test database. */
    public synchronized Database db() {
        if (database == null) {
            database = Database.open(url, 20);
        }
        return database;
    }

    @Override
    public synchronized void close() {
        try {
            if (database != null) {
                database.close();
                database = null;
            }
        } finally {
            execute(server(), "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
        }
    }

    static synchronized DatabaseUrl server() {
        if (server != null) {
            return server;
        }
        String configured = System.getenv("BEAMPIPE_TEST_DATABASE_URL");
        DatabaseUrl candidate = DatabaseUrl.parse(configured == null || configured.isBlank() ? DEFAULT_SERVER : configured);
        if (reachable(candidate)) {
            server = candidate;
            return server;
        }
        if (configured != null && !configured.isBlank()) {
            throw new IllegalStateException("BEAMPIPE_TEST_DATABASE_URL is set but " + candidate + " is not reachable");
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL at " + candidate + " and the embedded PostgreSQL failed to start", e);
        }
        server = DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + embedded.getPort() + "/postgres");
        return server;
    }

    private static boolean reachable(DatabaseUrl url) {
        try (Connection ignored = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(DatabaseUrl url, String statement) {
        try (Connection c = DriverManager.getConnection(url.toJdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed on " + url + ": " + e.getMessage(), e);
        }
    }
}
