package dev.beampipe.model.slurm.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's effective uid, read from {@code /proc/self/status} (Linux); empty elsewhere. */
final class ProcessIds {
    private ProcessIds() {
    }

    static OptionalLong effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(fields[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
