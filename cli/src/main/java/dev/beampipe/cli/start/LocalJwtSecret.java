package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local install's JWT secret (decision 12): 64 random hex characters generated on the first
 * {@code beampipe start} and kept, owner-only, in {@code $BEAMPIPE_HOME/local/jwt-secret} so tokens survive
 * restarts. An operator's own {@code BEAMPIPE_JWT_SECRET} wins; it is never printed.
 */
final class LocalJwtSecret {
    static final String FILE = "jwt-secret";

    private LocalJwtSecret() {
    }

    static String resolve(Path local) {
        Path file = local.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(local);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another start created it first: use theirs
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.length() < 32) {
                throw new CliException(file + " holds a JWT secret shorter than 32 characters; delete it to generate a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new CliException("cannot read or create the local JWT secret " + file + ": " + e.getMessage());
        }
    }
}
