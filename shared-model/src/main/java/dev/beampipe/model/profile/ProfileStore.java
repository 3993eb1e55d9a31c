package dev.beampipe.model.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.db.SqlStates;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code daliuge_deployment_profile} (40-backends §1.6): normalized storage, revisions, {@code spec_sha256},
 * and at most one default per scope (global = {@code project_module} NULL) under a transaction-level
 * advisory lock per scope.
 */
public final class ProfileStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "uuid, name, description, project_module, is_default, max_concurrent_executions, "
            + "translation, deployment, revision, spec_sha256, created_at, updated_at";

    private final Database db;
    private final Function<JsonNode, String> specHasher;

    /** {@code specHasher}: lowercase hex SHA-256 of the compact, recursively key-sorted JSON of its argument. */
    public ProfileStore(Database db, Function<JsonNode, String> specHasher) {
        this.db = db;
        this.specHasher = specHasher;
    }

    public String specSha256(DeploymentProfile p) {
        return specHasher.apply(ProfileJson.specObject(p));
    }

    public StoredProfile create(DeploymentProfile p) {
        validOrThrow(p);
        return uniqueName(p, () -> db.inTransaction(sql -> {
            guardDefault(sql, p, null);
            guardName(sql, p.name(), null);
            return sql.first("INSERT INTO daliuge_deployment_profile (uuid, name, description, project_module, is_default, "
                            + "max_concurrent_executions, translation, deployment, revision, spec_sha256, created_at) "
                            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, now()) RETURNING " + COLUMNS,
                    ProfileStore::stored, Uuid7.next(), p.name(), p.description(), p.projectModule(), p.isDefault(),
                    p.maxConcurrentExecutions() == null ? null : p.maxConcurrentExecutions().intValue(),
                    json(ProfileJson.translation(p.translation())), json(ProfileJson.deployment(p.deployment())),
                    specSha256(p)).orElseThrow();
        }));
    }

    /** Replaces the whole profile (the API's PATCH carries the full document): revision + 1. */
    public Optional<StoredProfile> update(UUID id, DeploymentProfile p) {
        validOrThrow(p);
        return uniqueName(p, () -> db.inTransaction(sql -> {
            if (sql.count("SELECT count(*) FROM (SELECT 1 FROM daliuge_deployment_profile WHERE uuid = $1 FOR UPDATE) x", id) == 0) {
                return Optional.<StoredProfile>empty();
            }
            guardDefault(sql, p, id);
            guardName(sql, p.name(), id);
            return sql.first("UPDATE daliuge_deployment_profile SET name = $2, description = $3, project_module = $4, "
                            + "is_default = $5, max_concurrent_executions = $6, translation = $7::jsonb, deployment = $8::jsonb, "
                            + "revision = revision + 1, spec_sha256 = $9, updated_at = now() WHERE uuid = $1 RETURNING " + COLUMNS,
                    ProfileStore::stored, id, p.name(), p.description(), p.projectModule(), p.isDefault(),
                    p.maxConcurrentExecutions() == null ? null : p.maxConcurrentExecutions().intValue(),
                    json(ProfileJson.translation(p.translation())), json(ProfileJson.deployment(p.deployment())),
                    specSha256(p));
        }));
    }

    /** A concurrent writer can still win the name between our check and the insert: the unique index decides. */
    private static <T> T uniqueName(DeploymentProfile p, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw new ProfileConflictException("deployment profile '" + p.name() + "' already exists");
            }
            throw e;
        }
    }

    /** Newest first. */
    public List<StoredProfile> list() {
        return db.sql().list("SELECT " + COLUMNS + " FROM daliuge_deployment_profile ORDER BY created_at DESC, uuid DESC",
                ProfileStore::stored);
    }

    public Optional<StoredProfile> get(UUID id) {
        return db.sql().first("SELECT " + COLUMNS + " FROM daliuge_deployment_profile WHERE uuid = $1", ProfileStore::stored, id);
    }

    public Optional<StoredProfile> byName(String name) {
        return db.sql().first("SELECT " + COLUMNS + " FROM daliuge_deployment_profile WHERE name = $1", ProfileStore::stored, name);
    }

    /** The most specific default: the project's own, else the global one; newest first. */
    public Optional<StoredProfile> defaultFor(String projectModule) {
        return db.sql().first("SELECT " + COLUMNS + " FROM daliuge_deployment_profile WHERE is_default "
                        + "AND (project_module = $1 OR project_module IS NULL) "
                        + "ORDER BY (project_module IS NULL), created_at DESC LIMIT 1",
                ProfileStore::stored, projectModule);
    }

    /** False when no such profile; a profile referenced by an execution cannot be deleted (FK). */
    public boolean delete(UUID id) {
        try {
            return db.sql().update("DELETE FROM daliuge_deployment_profile WHERE uuid = $1", id) == 1;
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
                throw new ProfileConflictException("deployment profile is referenced by executions and cannot be deleted");
            }
            throw e;
        }
    }

    private static void validOrThrow(DeploymentProfile p) {
        ProfileValidator.validate(p).ifPresent(message -> {
            throw new ProfileFormatException(".", message);
        });
    }

    private static void guardDefault(Sql sql, DeploymentProfile p, UUID self) {
        if (!p.isDefault()) {
            return;
        }
        String scope = p.projectModule() == null ? "<global>" : p.projectModule();
        sql.advisoryXactLock("beampipe:default-profile:" + scope);
        boolean taken = sql.count("SELECT count(*) FROM daliuge_deployment_profile WHERE is_default "
                + "AND project_module IS NOT DISTINCT FROM $1 AND ($2::uuid IS NULL OR uuid <> $2)", p.projectModule(), self) > 0;
        if (taken) {
            throw new ProfileConflictException("deployment profile '" + p.name() + "' is already the default for "
                    + (p.projectModule() == null ? "the global scope" : p.projectModule()));
        }
    }

    private static void guardName(Sql sql, String name, UUID self) {
        if (sql.count("SELECT count(*) FROM daliuge_deployment_profile WHERE name = $1 AND ($2::uuid IS NULL OR uuid <> $2)",
                name, self) > 0) {
            throw new ProfileConflictException("deployment profile '" + name + "' already exists");
        }
    }

    private static StoredProfile stored(Row r) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("name", r.getString("name"));
        doc.put("description", r.getString("description"));
        doc.put("project_module", r.getString("project_module"));
        doc.put("is_default", r.getBoolean("is_default"));
        Integer cap = r.getInteger("max_concurrent_executions");
        if (cap != null) {
            doc.put("max_concurrent_executions", cap);
        }
        doc.set("translation", tree(r.getValue("translation")));
        doc.set("deployment", tree(r.getValue("deployment")));
        return new StoredProfile(r.getUUID("uuid"), ProfileBinder.bind(doc), r.getInteger("revision"),
                r.getString("spec_sha256"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    private static io.vertx.core.json.JsonObject json(JsonNode node) {
        return new io.vertx.core.json.JsonObject(node.toString());
    }

    private static JsonNode tree(Object value) {
        try {
            return JSON.readTree(value == null ? "{}" : value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile JSON is not JSON", e);
        }
    }
}
