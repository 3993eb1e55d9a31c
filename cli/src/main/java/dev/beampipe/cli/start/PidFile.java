package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code <home>/local/beampipe.pid}: the pid of the running {@code beampipe start}. A second start on the
 * same home is refused while that process lives; a stale file (process gone) is replaced.
 */
public final class PidFile implements AutoCloseable {
    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    public static PidFile acquire(Path path) {
        long self = ProcessHandle.current().pid();
        OptionalLong existing = read(path);
        if (existing.isPresent() && existing.getAsLong() != self) {
            Optional<ProcessHandle> other = ProcessHandle.of(existing.getAsLong()).filter(ProcessHandle::isAlive);
            if (other.isPresent()) {
                throw new CliException("beampipe start is already running for this installation (pid "
                        + existing.getAsLong() + ", " + path + "); stop it first (Ctrl-C or kill "
                        + existing.getAsLong() + ")");
            }
        }
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, self + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write the pid file " + path + ": " + e.getMessage(), e);
        }
        return new PidFile(path, self);
    }

    static OptionalLong read(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.lines().findFirst().orElse("")));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Removes the file if it still names this process. */
    @Override
    public void close() {
        OptionalLong current = read(path);
        if (current.isPresent() && current.getAsLong() == pid) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: a stale pid file is detected and replaced on the next start
            }
        }
    }
}
