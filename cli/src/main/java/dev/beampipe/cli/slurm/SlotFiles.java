package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * File operations on credential slots with the modes of 50-operations §1.6: directories 0700, private key and
 * passphrase 0600, public key and known_hosts 0644. Files are written to a temporary file created with its final
 * mode, then moved into place, so a key is never readable by others, not even for a moment.
 */
public final class SlotFiles {
    public static final String DIR_MODE = "rwx------";
    public static final String SECRET_MODE = "rw-------";
    public static final String PUBLIC_MODE = "rw-r--r--";

    private SlotFiles() {
    }

    /** Creates {@code dir} (and missing parents) and sets it to 0700. */
    public static void directory(Path dir) {
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new CliException(dir + " is a symbolic link; refusing to use it as a credential directory");
            }
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(DIR_MODE));
        } catch (IOException e) {
            throw new CliException("cannot create " + dir + ": " + e.getMessage());
        }
    }

    public static void write(Path file, byte[] content, String mode) {
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(perms));
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, perms);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed; either way nothing else to do
                }
            }
        }
    }

    /** Deletes a replaced slot's file the new credentials do not supply (a no-op when absent). */
    public static void removeStale(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CliException("cannot remove the replaced slot's " + file + ": " + e.getMessage());
        }
    }

    /** The content of an operator-supplied source file, which must be a regular file and not a symbolic link. */
    public static byte[] readSource(Path source, String what) {
        if (Files.isSymbolicLink(source)) {
            throw new CliException(what + " " + source + " is a symbolic link; pass the file it points to");
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(what + " " + source + " is not a regular file");
        }
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new CliException("cannot read " + what + " " + source + ": " + e.getMessage());
        }
    }

    /** Octal mode such as {@code 0600}, or empty for an absent file. */
    public static Optional<String> mode(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            int bits = 0;
            for (PosixFilePermission p : perms) {
                bits |= 1 << (8 - p.ordinal());
            }
            return Optional.of(String.format("0%o", bits));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes a slot directory and its files; refuses symbolic links and anything that is not a directory. */
    public static void removeSlot(Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw new CliException(dir + " is a symbolic link; refusing to remove it");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(dir + " is not a directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    throw new CliException(dir + " contains a directory (" + entry.getFileName() + "); remove it by hand");
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + dir + ": " + e.getMessage());
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.delete(entry);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new CliException("cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
