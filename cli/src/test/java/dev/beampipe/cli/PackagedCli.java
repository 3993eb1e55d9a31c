package dev.beampipe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI ({@code target/quarkus-app/quarkus-run.jar}, as built by {@code mvn package}) as a
 * separate process, the way an operator does, with stdout and stderr captured in files.
 */
public final class PackagedCli {
    private final Path jar;

    public PackagedCli() {
        this.jar = Path.of(System.getProperty("beampipe.cli.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged CLI is missing: " + jar + " (run mvn package first)");
        }
    }

    /** The repository root holding the service modules. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("beampipe.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** A started CLI process. */
    public record Run(Process process, Path stdout, Path stderr) {
        public String out() {
            return read(stdout);
        }

        public String err() {
            return read(stderr);
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** A finished CLI process. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Starts {@code java -jar quarkus-run.jar args…} with the test JVM's environment minus {@code unset},
     * plus {@code env}.
     */
    public Run start(Path workDir, Map<String, String> env, List<String> unset, String... args) throws IOException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "cli", ".out");
        Path err = Files.createTempFile(workDir, "cli", ".err");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        return new Run(pb.start(), out, err);
    }

    public Result run(Path workDir, Map<String, String> env, List<String> unset, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Run run = start(workDir, env, unset, args);
        if (!run.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            run.process().destroyForcibly().waitFor();
            throw new AssertionError("beampipe " + String.join(" ", args) + " did not finish within " + timeout
                    + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err());
        }
        return new Result(run.process().exitValue(), run.out(), run.err());
    }
}
