package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.auth.NewUser;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The local install's first operator: on a database without any user, {@code beampipe start} creates the
 * superuser {@code admin} with a generated {@code bp-<32 hex>} password and keeps the password, owner-only, in
 * {@code $BEAMPIPE_HOME/local/admin-password}. The password itself is never printed or logged.
 */
final class LocalAdmin {
    static final String USERNAME = "admin";
    static final String FILE = "admin-password";

    private LocalAdmin() {
    }

    /** The password file when this call created the admin; empty when the database already had users. */
    static Optional<Path> createIfNoUsers(DatabaseUrl url, Path local) {
        try (Database db = Database.open(url, 1)) {
            if (db.sql().count("SELECT count(*) FROM users") > 0) {
                return Optional.empty();
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = "bp-" + HexFormat.of().formatHex(random);
            Path file = local.resolve(FILE);
            Files.createDirectories(local);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n");
            new UserAccounts(db).create(new NewUser(USERNAME, "admin@example.test", "Admin", password, true));
            return Optional.of(file);
        } catch (IOException e) {
            throw new CliException("cannot write the local admin password file under " + local + ": " + e.getMessage());
        }
    }
}
