package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's example project (config/examples): its graph and a REST profile for the DALiuGE simulators. */
final class ExampleProject {
    static final ObjectMapper JSON = new ObjectMapper();

    private ExampleProject() {
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config/examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("config/examples not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    static Path graphPath() {
        return root().resolve("config/examples/graphs/hipass-sample-imaging.graph");
    }

    static Path configPath() {
        return root().resolve("config/examples/hipass_sample.v2.yaml");
    }

    static JsonNode graph() {
        try {
            return JSON.readTree(Files.readAllBytes(graphPath()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Translation translation(DaliugeSimulator sim) {
        return new Translation("metis", 1, 0, sim.tmBase().toString());
    }

    static RestRemoteDeployment deployment(DaliugeSimulator sim) {
        long port = sim.dimBase().getPort();
        return new RestRemoteDeployment("127.0.0.1", port, "127.0.0.1", port, false, false);
    }
}
