package dev.beampipe.model.config.graph;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code project_config_graphs}: the exact graph bytes a revision was uploaded with, so executions pinned
 * to that revision use the graph that was checked then, whatever later happens to the file or URL.
 */
public final class ConfigGraphs {
    private final Database db;

    public ConfigGraphs(Database db) {
        this.db = db;
    }

    /** Inside the revision's upload transaction ({@code ConfigRevisions.upload}). */
    public static void insert(Sql sql, UUID projectConfigId, LoadedGraph graph) {
        sql.update("INSERT INTO project_config_graphs (project_config_id, graph_sha256, source, size_bytes, graph_bytes) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_config_id) DO NOTHING",
                projectConfigId, graph.sha256(), graph.source(), (long) graph.bytes().length,
                io.vertx.core.buffer.Buffer.buffer(graph.bytes()));
    }

    /** The stored bytes and their digest, if the revision has a graph. */
    public Optional<StoredGraph> forRevision(UUID projectConfigId) {
        return db.sql().first("SELECT graph_sha256, source, graph_bytes FROM project_config_graphs WHERE project_config_id = $1",
                r -> new StoredGraph(r.getString(0), r.getString(1), r.getBuffer(2).getBytes()), projectConfigId);
    }

    public record StoredGraph(String sha256, String source, byte[] bytes) {
    }
}
