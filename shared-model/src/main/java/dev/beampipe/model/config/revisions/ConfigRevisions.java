package dev.beampipe.model.config.revisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.config.graph.ConfigGraphs;
import dev.beampipe.model.config.graph.LoadedGraph;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Project config revisions (30-project-config §6): every upload is a new immutable version
 * ({@code max + 1}) that becomes the only active one; earlier versions stay readable and executions pin
 * the revision they were created with. Uploads of one project are serialised with an advisory lock, so
 * two concurrent uploads get consecutive versions instead of the reference's unique-violation race.
 */
public final class ConfigRevisions {
    private static final Logger LOG = Logger.getLogger(ConfigRevisions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "uuid, project_id, version, spec, spec_sha256, active, uploaded_at";

    private final Database db;

    public ConfigRevisions(Database db) {
        this.db = db;
    }

    /** Stores {@code spec} as the new active revision of {@code projectId}; records {@code config.activated}. */
    public ConfigRevision upload(String projectId, JsonNode spec, String specSha256, String actor) {
        return upload(projectId, spec, specSha256, actor, Optional.empty());
    }

    /**
     * Same, with the graph the config pins stored in the same transaction, so a revision is never active
     * without the graph it was checked against.
     */
    public ConfigRevision upload(String projectId, JsonNode spec, String specSha256, String actor, Optional<LoadedGraph> graph) {
        if (projectId == null || projectId.isBlank() || projectId.length() > 80) {
            throw new IllegalArgumentException("project id must be 1-80 characters");
        }
        ConfigRevision revision = db.inTransaction(sql -> {
            sql.advisoryXactLock("beampipe:project-config:" + projectId);
            int version = (int) sql.count("SELECT COALESCE(max(version), 0) + 1 FROM project_configs WHERE project_id = $1", projectId);
            sql.update("UPDATE project_configs SET active = false WHERE project_id = $1 AND active", projectId);
            ConfigRevision inserted = sql.first("INSERT INTO project_configs (uuid, project_id, version, spec, spec_sha256, active, uploaded_at) "
                            + "VALUES ($1, $2, $3, $4, $5, true, now()) RETURNING " + COLUMNS,
                    ConfigRevisions::revision, Uuid7.next(), projectId, version, new JsonObject(spec.toString()), specSha256).orElseThrow();
            graph.ifPresent(g -> ConfigGraphs.insert(sql, inserted.id(), g));
            return inserted;
        });
        try {
            db.sql().update("INSERT INTO provenance_events (id, event_type, project_module, actor, payload) "
                            + "VALUES ($1, 'config.activated', $2, $3, $4)", Uuid7.next(), projectId, actor,
                    new JsonObject().put("spec_sha256", specSha256).put("version", revision.version()));
        } catch (RuntimeException e) {
            LOG.warnf("event=provenance_insert_failed event_type=config.activated project_module=%s: %s", projectId, e.getMessage());
        }
        return revision;
    }

    public Optional<ConfigRevision> active(String projectId) {
        return db.sql().first("SELECT " + COLUMNS + " FROM project_configs WHERE project_id = $1 AND active",
                ConfigRevisions::revision, projectId);
    }

    public Optional<ConfigRevision> byId(UUID id) {
        return db.sql().first("SELECT " + COLUMNS + " FROM project_configs WHERE uuid = $1", ConfigRevisions::revision, id);
    }

    public Optional<ConfigRevision> byVersion(String projectId, int version) {
        return db.sql().first("SELECT " + COLUMNS + " FROM project_configs WHERE project_id = $1 AND version = $2",
                ConfigRevisions::revision, projectId, version);
    }

    /** Newest first. */
    public List<ConfigRevision> versions(String projectId) {
        return db.sql().list("SELECT " + COLUMNS + " FROM project_configs WHERE project_id = $1 ORDER BY version DESC",
                ConfigRevisions::revision, projectId);
    }

    /** Every project's active revision, by project id. */
    public List<ConfigRevision> activeRevisions() {
        return db.sql().list("SELECT " + COLUMNS + " FROM project_configs WHERE active ORDER BY project_id",
                ConfigRevisions::revision);
    }

    private static ConfigRevision revision(Row r) {
        Object spec = r.getValue("spec");
        JsonNode tree;
        try {
            tree = JSON.readTree(spec == null ? "null" : spec.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("project_configs.spec is not JSON", e);
        }
        return new ConfigRevision(r.getUUID("uuid"), r.getString("project_id"), r.getInteger("version"), tree,
                r.getString("spec_sha256"), r.getBoolean("active"), r.getOffsetDateTime("uploaded_at"));
    }
}
