package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSSH or ACL tool ({@code ssh-keyscan}, {@code ssh-copy-id}, {@code setfacl}) found on the {@code PATH} of the
 * command's environment, run with a time bound.
 */
public final class ExternalProgram {
    public record Result(int exit, String stdout, String stderr) {
    }

    private final String name;
    private final Path executable;

    private ExternalProgram(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    /** The program, or a clear error naming what to install. */
    public static ExternalProgram require(String name, Map<String, String> env, String installHint) {
        return find(name, env).orElseThrow(() -> new CliException(name + " is not installed or not on PATH (" + installHint + ")"));
    }

    public static Optional<ExternalProgram> find(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ExternalProgram(name, candidate));
            }
        }
        return Optional.empty();
    }

    /** Runs with captured output; a run past {@code timeout} is killed and reported. */
    public Result run(List<String> args, Duration timeout) {
        Process process = start(args, false);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CliException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running " + name);
        }
    }

    /** Runs attached to this terminal (ssh-copy-id may ask for the account's password); returns the exit code. */
    public int runInteractive(List<String> args) {
        Process process = start(args, true);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running " + name);
        }
    }

    private Process start(List<String> args, boolean inherit) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (inherit) {
            builder.inheritIO();
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new CliException("cannot run " + name + ": " + e.getMessage());
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
