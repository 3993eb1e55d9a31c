package dev.beampipe.api.testing;

import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Our example files ({@code config/examples/} at the repository root) and the reference's (read in place through
 * {@link ReferenceFiles}, skipped when absent). Project ids and profile names are made unique per test because
 * every {@code @QuarkusTest} of the module shares one database.
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static String example(String name) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            Path file = dir.resolve("config/examples").resolve(name);
            if (Files.exists(file)) {
                return read(file);
            }
        }
        throw new IllegalStateException("config/examples/" + name + " not found above " + System.getProperty("user.dir"));
    }

    public static String reference(String relative) {
        return read(ReferenceFiles.path(relative));
    }

    /** A fresh lower-case id: {@code prefix} + 8 hex digits. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
