package dev.beampipe.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (quarkus-run.jar) running as a child process, with its log file. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String name;
    public final Process process;
    public final Path log;
    public final int metricsPort;

    private ServiceProcess(String name, Process process, Path log, int metricsPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    public static Path repo() {
        return Path.of(System.getProperty("beampipe.repo", "..")).toAbsolutePath().normalize();
    }

    public static Path jar(String module) {
        Path jar = repo().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -DskipTests install first");
        }
        return jar;
    }

    public static ServiceProcess start(String module, String name, Map<String, String> env, Path logDir) {
        // C1 only and the serial collector: these short-lived test processes start markedly faster on 2 cores. The
        // worker is the exception: it translates and submits WALLABY graphs (thousands of drops, physical graph
        // templates of several MB) for several executions at once, which needs C2 and more than 256 MB of heap.
        List<String> jvm = module.equals("worker-service")
                ? List.of("-Xmx1536m", "-XX:+UseSerialGC")
                : List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        List<String> args = new java.util.ArrayList<>(jvm);
        args.addAll(List.of("-jar", jar(module).toString()));
        return launch(name, args, env, logDir);
    }

    /**
     * A plain {@code main} class of the test class path (a simulator) as its own process; {@link #metricsPort} is
     * unused by it.
     */
    public static ServiceProcess startMain(String name, Class<?> mainClass, List<String> args, Path logDir) {
        List<String> command = new java.util.ArrayList<>(List.of("-Xmx2g", "-XX:+UseSerialGC",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        return launch(name, command, Map.of(), logDir);
    }

    private static ServiceProcess launch(String name, List<String> jvmArgs, Map<String, String> env, Path logDir) {
        int port = freePort();
        Path log = logDir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmArgs);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("BEAMPIPE_METRICS_BIND_ADDR", "127.0.0.1:" + port);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new ServiceProcess(name, pb.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** GET on the process's metrics listener; null when it does not answer. */
    public String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The value of an unlabelled gauge in the Prometheus text, or NaN. */
    public double metric(String name) {
        String body = get("/metrics");
        if (body == null) {
            return Double.NaN;
        }
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public void sigkill() {
        process.destroyForcibly();
        waitFor(10);
    }

    /** SIGSTOP: the process freezes (threads, timers, sockets) until {@link #sigcont()}. */
    public void sigstop() {
        signal("STOP");
    }

    public void sigcont() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(45)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
