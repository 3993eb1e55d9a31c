package dev.beampipe.api.projects;

import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;

/** Where relative {@code graph.path}s resolve: {@code BEAMPIPE_HOME} (env or config), else the working directory. */
public final class GraphBase {
    private GraphBase() {
    }

    public static Path directory() {
        return ConfigProvider.getConfig().getOptionalValue("BEAMPIPE_HOME", String.class)
                .filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of("").toAbsolutePath());
    }
}
