package dev.beampipe.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The installation directory. Resolution order: {@code --home} → non-empty {@code BEAMPIPE_HOME} →
 * {@code $HOME/beampipe}. The working directory never selects an installation.
 */
public record Home(Path path) {

    public static Home resolve(String flag, Map<String, String> env) {
        if (flag != null && !flag.isBlank()) {
            return new Home(Path.of(flag).toAbsolutePath().normalize());
        }
        String fromEnv = env.get("BEAMPIPE_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Home(Path.of(fromEnv).toAbsolutePath().normalize());
        }
        String userHome = env.get("HOME");
        if (userHome == null || userHome.isBlank()) {
            userHome = System.getProperty("user.home");
        }
        return new Home(Path.of(userHome, "beampipe").toAbsolutePath().normalize());
    }
}
