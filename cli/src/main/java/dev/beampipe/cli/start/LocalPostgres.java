package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of the compact local mode (zonky). Its data directory is kept across runs; it
 * listens on a free loopback port; beampipe's data lives in the database {@code beampipe}. Server output
 * goes to {@code logs/postgres.log}.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);
    static final String DATABASE = "beampipe";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static LocalPostgres start(Path dataDirectory, Path logFile) {
        stopOrphan(dataDirectory);
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            LOG.infof("%s embedded PostgreSQL (data: %s)", fresh ? "initialising" : "starting", dataDirectory);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .start();
            LocalPostgres pg = new LocalPostgres(server, dataDirectory);
            pg.ensureDatabase();
            return pg;
        } catch (IOException | RuntimeException e) {
            throw new CliException("the embedded PostgreSQL failed to start (data: " + dataDirectory + ", log: "
                    + logFile + ")" + (fresh ? "" : "; if the data directory is damaged, move it away to start afresh"), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public DatabaseUrl url() {
        return DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + port() + "/" + DATABASE);
    }

    private void ensureDatabase() {
        try (Connection c = server.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new CliException("cannot create the database '" + DATABASE + "' in the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown); a server that does not stop is killed. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("stopping the embedded PostgreSQL failed: %s", e.getMessage());
        }
        postmasterPid(dataDirectory).ifPresent(p -> terminate(p, "embedded PostgreSQL"));
    }

    /**
     * A postmaster left running on this data directory by a {@code beampipe start} that was killed: the pid
     * file guarantees no live {@code beampipe start} owns it, so it is stopped before we start our own.
     */
    private static void stopOrphan(Path dataDirectory) {
        postmasterPid(dataDirectory).ifPresent(p -> {
            LOG.warnf("stopping an orphaned PostgreSQL (pid %d) left on %s by an earlier run", p.pid(), dataDirectory);
            terminate(p, "orphaned PostgreSQL");
        });
    }

    private static void terminate(ProcessHandle p, String what) {
        p.destroy();
        try {
            p.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("%s (pid %d) did not stop within 15 s; killing it", what, p.pid());
            p.destroyForcibly();
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported below by the caller's sweep, if any
            }
        }
    }

    /** The live postmaster named by {@code postmaster.pid}, if any. */
    static Optional<ProcessHandle> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            long pid = Long.parseLong(first);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
