package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Graphs and profile settings shared by the simulator-backed client tests. */
final class DaliugeTestGraphs {

    static final ObjectMapper JSON = new ObjectMapper();

    private DaliugeTestGraphs() {
    }

    /** Our own small graph: ingest → manifest → Scatter(3) of imager → beam_image → mosaic. */
    static JsonNode beamMosaic() {
        try (InputStream in = DaliugeTestGraphs.class.getResourceAsStream("/daliuge/beam-mosaic.graph")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference WALLABY graph, read in place from shared/reference (never copied), if present. */
    static Optional<Path> wallabyGraph() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/reference/config/graphs/wallaby-hires_deploy-setonix-beampipe.graph");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    static Translation translation(String algo, long numPar, long numIslands, URI tm) {
        return new Translation(algo, numPar, numIslands, tm.toString());
    }

    /** A rest_remote profile whose DIM is {@code dim} both for the TM and for the worker. */
    static RestRemoteDeployment deployment(URI dim) {
        return new RestRemoteDeployment(dim.getHost(), (long) dim.getPort(), dim.getHost(), (long) dim.getPort(),
                false, true);
    }

    /** A loopback port nobody listens on. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
