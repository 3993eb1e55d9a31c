package dev.beampipe.model.config.testing;

import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The reference project configs (read through {@link ReferenceFiles}; skipped when absent). */
public final class ReferenceConfigs {

    private ReferenceConfigs() {
    }

    /** The bytes of a reference file, or a skipped test when the reference material is not available. */
    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(ReferenceFiles.path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] wallaby() {
        return read("config/wallaby_hires.v2.yaml");
    }
}
