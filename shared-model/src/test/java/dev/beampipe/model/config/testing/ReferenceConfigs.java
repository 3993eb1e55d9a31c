package dev.beampipe.model.config.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the shared reference material ({@code ../shared/reference} next to the repository) without copying
 * it into the repository; tests that need it are skipped with a clear message when it is absent.
 */
public final class ReferenceConfigs {

    private ReferenceConfigs() {
    }

    public static Path referenceDir() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        for (Path candidate : List.of(cwd.resolve("../../shared/reference"), cwd.resolve("../shared/reference"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return cwd.resolve("../../shared/reference").normalize();
    }

    /** The bytes of a reference file, or a skipped test when the reference material is not available. */
    public static byte[] read(String relative) {
        Path file = referenceDir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "reference file " + file + " is absent; skipping (the shared "
                + "reference material lives outside the repository at ../shared/reference)");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] wallaby() {
        return read("config/wallaby_hires.v2.yaml");
    }
}
