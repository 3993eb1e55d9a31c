package dev.beampipe.api.executions;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.config.signature.ExecutionSignature;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.ExecutionRequest;
import dev.beampipe.model.ledger.IdempotencyKeys;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileJson;
import dev.beampipe.model.profile.StoredProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger insert of {@code POST /executions} (10-state-and-jobs §5.1): idempotent per (user, key) under a
 * transaction-scoped advisory lock, profile concurrency under the profile's lock, the combined discovery
 * signature, the pinned config/profile/output policy, the selected sources' pending flags cleared (decision 3)
 * and {@code execution.created} in the same transaction.
 */
@ApplicationScoped
public class ExecutionCreation {
    static final String KEY_CONFLICT = "Idempotency-Key was already used for a different execution request";
    static final List<String> IN_FLIGHT = List.of("pending", "running", "retrying", "awaiting_scheduler");

    private final Database db;
    private final ExecutionReads reads;

    public ExecutionCreation(Database db, ExecutionReads reads) {
        this.db = db;
        this.reads = reads;
    }

    public record Outcome(ExecutionRow row, boolean created) {
    }

    /** The existing execution for an exact replay; 409 when the key was used for another request; empty when unused. */
    public Optional<ExecutionRow> replay(int userId, String key, String requestHash) {
        return db.inTransaction(sql -> {
            lock(sql, IdempotencyKeys.lockName(userId, key));
            return existing(sql, userId, key, requestHash);
        });
    }

    public Outcome create(int userId, String key, String requestHash, Admissions.Verdict v, String correlationId) {
        return db.inTransaction(sql -> {
            if (key != null) {
                lock(sql, IdempotencyKeys.lockName(userId, key));
                Optional<ExecutionRow> replayed = existing(sql, userId, key, requestHash);
                if (replayed.isPresent()) {
                    return new Outcome(replayed.get(), false);
                }
            }
            ExecutionRequest r = v.request();
            StoredProfile profile = v.profile();
            if (profile != null) {
                checkConcurrency(sql, profile);
            }
            List<String> sids = r.sources().stream().map(SourceSelection::sourceIdentifier).toList();
            String signature = signature(sql, r.projectModule(), sids);
            OutputVerification policy = v.outputPolicy();
            JsonObject policyJson = new JsonObject().put("required", policy.required()).put("inventory_schema", policy.inventorySchema());
            JsonArray sources = sourcesJson(r);
            UUID id = Uuid7.next();
            sql.update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, deployment_profile_id, "
                            + "deployment_profile_revision, deployment_profile_snapshot, project_config_id, discovery_signature, "
                            + "status, control_phase, submission_state, scheduler_state, daliuge_state, output_state, "
                            + "output_verification_required, output_verification_policy, created_by_id, create_idempotency_key, "
                            + "create_request_sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 'discovered', "
                            + "'not_started', 'not_submitted', 'not_created', $10, $11, $12, $13, $14, $15, now())",
                    id, r.projectModule(), sources, r.archiveName(), profile == null ? null : profile.id(),
                    profile == null ? null : profile.revision(), profile == null ? null : snapshot(profile),
                    v.revision() == null ? null : v.revision().id(), signature,
                    policy.required() ? "pending" : "not_started", policy.required(), policyJson, userId, key,
                    key == null ? null : requestHash);
            sql.update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL, "
                            + "workflow_claim_token = NULL, workflow_claimed_at = NULL, workflow_claim_expires_at = NULL "
                            + "WHERE project_module = $1 AND source_identifier = ANY($2::text[])",
                    r.projectModule(), sids.toArray(String[]::new));
            sql.update("INSERT INTO provenance_events (id, event_type, project_module, execution_id, actor, correlation_id, payload) "
                            + "VALUES ($1, 'execution.created', $2, $3, 'system:api', $4, $5)", Uuid7.next(), r.projectModule(), id,
                    correlationId, new JsonObject().put("archive_name", r.archiveName()).put("sources", sources)
                            .put("output_verification_required", policy.required()).put("output_verification_policy", policyJson));
            return new Outcome(reads.find(sql, id).orElseThrow(), true);
        });
    }

    private Optional<ExecutionRow> existing(Sql sql, int userId, String key, String requestHash) {
        Optional<ExecutionRow> row = sql.first(ExecutionRow.SELECT + " WHERE e.created_by_id = $1 AND e.create_idempotency_key = $2",
                ExecutionRow::from, userId, key);
        if (row.isPresent() && !requestHash.equals(row.get().createRequestSha256())) {
            throw ApiErrors.conflict(KEY_CONFLICT);
        }
        return row;
    }

    private static void lock(Sql sql, String name) {
        sql.execute("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS locked", name);
    }

    private static void checkConcurrency(Sql sql, StoredProfile profile) {
        Long limit = profile.profile().maxConcurrentExecutions();
        if (limit == null) {
            return;
        }
        lock(sql, "beampipe:profile-admission:" + profile.id());
        long inFlight = sql.count("SELECT count(*) FROM batch_execution_record WHERE deployment_profile_id = $1 "
                + "AND status = ANY($2::text[])", profile.id(), IN_FLIGHT.toArray(String[]::new));
        if (inFlight >= limit) {
            throw ApiErrors.conflict("deployment profile '" + profile.profile().name() + "' concurrency limit reached ("
                    + inFlight + "/" + limit + ")");
        }
    }

    private static String signature(Sql sql, String module, List<String> sids) {
        Map<String, String> signatures = new LinkedHashMap<>();
        sql.list("SELECT source_identifier, discovery_signature FROM source_registry WHERE project_module = $1 "
                        + "AND source_identifier = ANY($2::text[])", row -> row, module, sids.toArray(String[]::new))
                .forEach(row -> signatures.put(row.getString("source_identifier"), row.getString("discovery_signature")));
        return ExecutionSignature.combined(signatures).orElse(null);
    }

    static JsonArray sourcesJson(ExecutionRequest r) {
        JsonArray out = new JsonArray();
        for (SourceSelection s : r.sources()) {
            JsonObject o = new JsonObject().put("source_identifier", s.sourceIdentifier());
            if (s.sbids() != null) {
                o.put("sbids", new JsonArray(s.sbids()));
            }
            out.add(o);
        }
        return out;
    }

    /** The frozen profile the workers read (10-state-and-jobs §1.3): not redacted, secrets are references only. */
    static JsonObject snapshot(StoredProfile s) {
        DeploymentProfile p = s.profile();
        return new JsonObject().put("id", s.id().toString()).put("name", p.name()).put("description", p.description())
                .put("project_module", p.projectModule()).put("is_default", p.isDefault())
                .put("max_concurrent_executions", p.maxConcurrentExecutions()).put("revision", s.revision())
                .put("spec_sha256", s.specSha256())
                .put("translation", new JsonObject(ProfileJson.translation(p.translation()).toString()))
                .put("deployment", new JsonObject(ProfileJson.deployment(p.deployment()).toString()));
    }
}
