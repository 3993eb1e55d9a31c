package dev.beampipe.cli.migrate;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.Secrets;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.db.Migrations;

import java.util.Map;

/** Reads {@code DATABASE_URL} and applies the schema migrations, turning failures into operator errors. */
public final class Migrator {

    private Migrator() {
    }

    /** The database named by {@code DATABASE_URL}; a clear error when it is missing or malformed. */
    public static DatabaseUrl databaseUrl(Map<String, String> env) {
        String raw = env.get("DATABASE_URL");
        if (raw == null || raw.isBlank()) {
            throw new CliException("DATABASE_URL is not set (expected postgres://user:password@host:port/database)");
        }
        try {
            return DatabaseUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Applies every pending migration; returns how many were applied (0 when already up to date). */
    public static int apply(DatabaseUrl url) {
        try {
            return Migrations.migrate(url);
        } catch (RuntimeException e) {
            throw failure(url, e);
        }
    }

    static CliException failure(DatabaseUrl url, Throwable e) {
        String password = url.password();
        String top = Secrets.scrub(firstLine(e), password);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = "cannot apply migrations to " + url + ": " + top;
        if (root == e) {
            return new CliException(message);
        }
        return new CliException(message, new CliException(Secrets.scrub(firstLine(root), password)));
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String stripped = m.strip();
        int nl = stripped.indexOf('\n');
        return nl < 0 ? stripped : stripped.substring(0, nl).strip();
    }
}
