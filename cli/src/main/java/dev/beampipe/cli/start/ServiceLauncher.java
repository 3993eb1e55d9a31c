package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a service as {@code java -jar <module>/…/quarkus-run.jar} (the TAP simulator as {@code java -cp <jar>
 * <main class> --port N}) with the same java as the CLI, its own environment, its output appended to its log file. When {@code setsid} is available the child gets its own
 * session, so a terminal Ctrl-C reaches only the CLI, which then stops the children in order.
 */
public final class ServiceLauncher {
    /** Starts the line written to a service's log before each run. */
    static final String RUN_MARKER = "=== beampipe start: ";

    private final String java;
    private final String setsid;
    private final Path workingDirectory;
    private final Map<String, String> baseEnvironment;

    public ServiceLauncher(String java, String setsid, Path workingDirectory, Map<String, String> baseEnvironment) {
        this.java = java;
        this.setsid = setsid;
        this.workingDirectory = workingDirectory;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    public static ServiceLauncher forCurrentJvm(Path workingDirectory, Map<String, String> baseEnvironment) {
        return new ServiceLauncher(currentJava(), findSetsid(), workingDirectory, baseEnvironment);
    }

    /** The java executable running this CLI. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The command line for one Quarkus service jar. */
    public List<String> command(Path jar) {
        return command(Service.API, jar, List.of());
    }

    /**
     * The command line for {@code service}: {@code java -jar <jar>} for a Quarkus service,
     * {@code java -cp <jar> <main class>} for the TAP simulator; then {@code arguments}.
     */
    public List<String> command(Service service, Path jar, List<String> arguments) {
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid);
        }
        cmd.add(java);
        if (service.quarkus()) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(jar.toString());
            cmd.add(SimulatedArchives.MAIN_CLASS);
        }
        cmd.addAll(arguments);
        return cmd;
    }

    /** The child's environment: the CLI's, plus {@code overrides}. */
    public Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(overrides);
        return env;
    }

    public ServiceProcess launch(Service service, Path jar, Map<String, String> overrides, Path log, int metricsPort) {
        return launch(service, jar, List.of(), overrides, log, metricsPort);
    }

    /** Starts {@code service}; {@code port} is its metrics port (the simulator: its service port). */
    public ServiceProcess launch(Service service, Path jar, List<String> arguments, Map<String, String> overrides, Path log,
                                 int port) {
        ProcessBuilder pb = new ProcessBuilder(command(service, jar, arguments))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().clear();
        pb.environment().putAll(environment(overrides));
        try {
            Files.writeString(log, System.lineSeparator() + RUN_MARKER + service.module() + " at "
                            + Instant.now() + " ===" + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ServiceProcess(service, pb.start(), log, port);
        } catch (IOException e) {
            throw new CliException("cannot start " + service.module() + " (" + jar + "): " + e.getMessage(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
