package dev.beampipe.model.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Test data for execution admission on a real database: the reference WALLABY config (module
 * {@code wallaby_hires}, automation.execution enabled, one source per execution, profile {@code slurm-remote})
 * with overrides, the reference Slurm profile, and sources in any readiness state.
 */
public final class AdmissionFixture {
    public static final String MODULE = "wallaby_hires";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public AdmissionFixture(Database db) {
        this.db = db;
    }

    /** Uploads (and activates) the WALLABY config with {@code automation.execution} edited by {@code edit}. */
    public ConfigRevision config(Consumer<ObjectNode> edit) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) ProjectConfigValidation.parse(ReferenceConfigs.wallaby());
        ObjectNode spec = ModelTree.toJson(parsed.config());
        edit.accept(spec.with("automation").with("execution"));
        return new ConfigRevisions(db).upload(MODULE, spec, StableJson.sha256(spec), "system:test");
    }

    /** The reference {@code slurm-remote} profile with the given {@code max_concurrent_executions} (null = none). */
    public StoredProfile slurmProfile(Long maxConcurrent) {
        try {
            JsonNode json = JSON.readTree(Files.readString(ReferenceFiles.path("config/deployment_profile.slurm-remote.json")));
            DeploymentProfile p = ProfileBinder.bind(json);
            DeploymentProfile capped = new DeploymentProfile(p.name(), p.description(), p.projectModule(), p.isDefault(),
                    maxConcurrent, p.translation(), p.deployment());
            return new ProfileStore(db, StableJson::sha256).create(capped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An enabled, discovered, ready source, pending since {@code pendingMinutesAgo} minutes. */
    public void readyPending(String sid, int pendingMinutesAgo) {
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, last_checked_at, "
                        + "discovery_signature, workflow_run_pending, workflow_run_pending_at) VALUES ($1, $2, $3, true, now(), $4, "
                        + "true, now() - make_interval(mins => $5::int))",
                Uuid7.next(), MODULE, sid, StableJson.sha256(JSON.createObjectNode().put("sid", sid)), pendingMinutesAgo);
        metadata(sid, "{\"discovery_flags\": {\"has_beams\": true}}");
    }

    public void metadata(String sid, String json) {
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "VALUES ($1, $2, $3, '1', $4::text::jsonb)", Uuid7.next(), MODULE, sid, json);
    }

    public void set(String sid, String assignments) {
        db.sql().update("UPDATE source_registry SET " + assignments + " WHERE project_module = $1 AND source_identifier = $2",
                MODULE, sid);
    }

    /** An in-flight execution of {@code module} (optionally on a profile). */
    public void inFlightExecution(String module, StoredProfile profile) {
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_id) VALUES ($1, $2, '[]'::jsonb, 'casda', 'running', $3)",
                Uuid7.next(), module, profile == null ? null : profile.id());
    }

    public long count(String sql, Object... args) {
        return db.sql().count(sql, args);
    }
}
