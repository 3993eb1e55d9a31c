package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.BuildInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The repository (or distribution) root holding the packaged services. Set explicitly with
 * {@code BEAMPIPE_APP_HOME}, else found by walking up from the CLI's own jar
 * ({@code cli/target/quarkus-app/quarkus-run.jar} → repository root). A service jar is
 * {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} (repository) or
 * {@code <root>/<module>/quarkus-run.jar} (distribution: each module's {@code quarkus-app} copied as
 * {@code <module>/}). The TAP simulator's jar is {@code <root>/simulators/target/simulators-<version>.jar}
 * (repository) or {@code <root>/simulators/simulators.jar} (distribution).
 */
public record AppHome(Path root) {
    public static final String ENV = "BEAMPIPE_APP_HOME";
    static final String BUILD_HINT = "mvn -DskipTests install";

    public static AppHome locate(String appHomeEnv, List<Path> startingPoints) {
        if (appHomeEnv != null && !appHomeEnv.isBlank()) {
            Path root = Path.of(appHomeEnv).toAbsolutePath().normalize();
            if (!looksLikeRoot(root)) {
                throw new CliException(ENV + "=" + root + " does not contain the beampipe services "
                        + "(expected api-service/, scheduler-service/, worker-service/)");
            }
            return new AppHome(root);
        }
        for (Path start : startingPoints) {
            Optional<Path> found = walkUp(start);
            if (found.isPresent()) {
                return new AppHome(found.get());
            }
        }
        throw new CliException("cannot find the beampipe services next to this CLI (looked above " + startingPoints
                + "); set " + ENV + " to the repository or distribution root");
    }

    /** Where the CLI runs from: its code location and the class path ({@code java -jar …/quarkus-run.jar}). */
    public static List<Path> cliLocations() {
        List<Path> points = new ArrayList<>();
        try {
            var source = AppHome.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                points.add(Path.of(source.getLocation().toURI()));
            }
        } catch (Exception ignored) {
            // not a file location (e.g. an in-memory class loader): the class path below still counts
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                points.add(Path.of(entry));
            }
        }
        return points;
    }

    /** The packaged jar of each service; a clear error naming every missing one. */
    public Map<Service, Path> jars(Set<Service> services) {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        List<String> missing = new ArrayList<>();
        for (Service s : services) {
            Optional<Path> jar = jar(s);
            if (jar.isPresent()) {
                jars.put(s, jar.get());
            } else {
                missing.add(repositoryJar(s).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new CliException("missing service jar(s): " + String.join(", ", missing)
                    + "; build them first with `" + BUILD_HINT + "` in " + root);
        }
        return jars;
    }

    public Optional<Path> jar(Service service) {
        Path repo = repositoryJar(service);
        if (Files.isRegularFile(repo)) {
            return Optional.of(repo);
        }
        Path dist = root.resolve(service.module()).resolve(service.quarkus() ? "quarkus-run.jar" : service.module() + ".jar");
        return Files.isRegularFile(dist) ? Optional.of(dist) : Optional.empty();
    }

    Path repositoryJar(Service service) {
        Path target = root.resolve(service.module()).resolve("target");
        return service.quarkus() ? target.resolve("quarkus-app").resolve("quarkus-run.jar")
                : target.resolve(service.module() + "-" + BuildInfo.version() + ".jar");
    }

    private static Optional<Path> walkUp(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (; dir != null; dir = dir.getParent()) {
            if (looksLikeRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeRoot(Path dir) {
        for (Service s : Service.values()) {
            if (s.quarkus() && Files.isDirectory(dir.resolve(s.module()))) {
                return true;
            }
        }
        return false;
    }
}
