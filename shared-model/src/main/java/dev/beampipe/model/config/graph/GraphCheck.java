package dev.beampipe.model.config.graph;

import dev.beampipe.model.config.model.Graph;
import dev.beampipe.model.config.validation.Diagnostic;

import java.util.Optional;

/**
 * What an upload does with the graph a config pins: a graph whose bytes are there but differ from
 * {@code graph.sha256}, are not JSON or are too large is an error (the upload is refused); a graph this
 * host cannot reach (file missing, URL down) is a warning — the revision is stored without graph bytes
 * and the execution resolves the graph where it runs, as the reference does; a graph that loads is
 * stored with the revision.
 */
public record GraphCheck(Optional<LoadedGraph> graph, Optional<Diagnostic> error, Optional<Diagnostic> warning) {
    public static GraphCheck of(Graph graph, GraphSource source) {
        if (graph == null) {
            return new GraphCheck(Optional.empty(), Optional.empty(), Optional.empty());
        }
        try {
            return new GraphCheck(Optional.of(source.load(graph)), Optional.empty(), Optional.empty());
        } catch (GraphLoadException e) {
            if ("graph_unavailable".equals(e.code())) {
                return new GraphCheck(Optional.empty(), Optional.empty(), Optional.of(Diagnostic.warning(e.path(),
                        "graph_not_verified", "graph not verified at upload: " + e.getMessage())));
            }
            return new GraphCheck(Optional.empty(), Optional.of(Diagnostic.error(e.path(), e.code(), e.getMessage())),
                    Optional.empty());
        }
    }
}
