package dev.beampipe.model.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference implementation's real files in {@code ../shared/reference/} next to the repository
 * (never copied into it). Tests that need them are skipped, with a message, when the folder is absent.
 */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    public static Path path(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/reference").normalize();
            if (Files.isDirectory(candidate)) {
                Path file = candidate.resolve(relative);
                Assumptions.assumeTrue(Files.exists(file), "reference file " + file + " is absent");
                return file;
            }
        }
        Assumptions.abort("../shared/reference is absent (a fresh clone has no shared folder): skipping");
        throw new IllegalStateException("unreachable");
    }
}
