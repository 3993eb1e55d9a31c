package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.Home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the compact local mode keeps its state under the installation:
 * {@code <home>/local/postgres} (embedded PostgreSQL data), {@code <home>/local/logs/<service>.log},
 * {@code <home>/local/beampipe.pid}.
 */
public record LocalLayout(Path home, Path local, Path postgresData, Path logs, Path pidFile) {

    public static LocalLayout of(Home home) {
        Path local = home.path().resolve("local");
        return new LocalLayout(home.path(), local, local.resolve("postgres"), local.resolve("logs"),
                local.resolve("beampipe.pid"));
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    public void createDirectories() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new CliException("cannot create " + logs + ": " + e.getMessage(), e);
        }
    }
}
