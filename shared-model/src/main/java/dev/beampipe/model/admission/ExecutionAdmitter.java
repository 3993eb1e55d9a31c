package dev.beampipe.model.admission;

import dev.beampipe.model.admission.ExecutionAdmissionPlan.Admit;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Decision;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Facts;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.ProfileFacts;
import dev.beampipe.model.admission.ExecutionAdmissionPlan.Skip;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.model.ExecutionAutomation;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.ExecutionCreator;
import dev.beampipe.model.ledger.NewExecution;
import dev.beampipe.model.ledger.ProfileCapReachedException;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.sources.ArchiveMetadata;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.sources.SourceRow;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One project's execution admission (10-state-and-jobs §3.8 "Execution tick", decision 3): facts, the pure
 * {@link ExecutionAdmissionPlan}, the token claim of pending sources, then per chunk of
 * {@code max_sources_per_execution} one transaction that locks the rows still holding the token, partitions them
 * ({@link SourcePartition}), clears "already executed" pending flags, and creates the execution pinned to the
 * active revision and the profile snapshot together with its {@code execute} job and the cleared pending flags
 * ({@link ExecutionCreator}). Finally the claims of the sources not admitted are released, fenced by the token.
 */
public final class ExecutionAdmitter {
    private static final Logger LOG = Logger.getLogger(ExecutionAdmitter.class);

    /** What one admission did. {@code skipped} is empty when sources were claimed (even if none was ready). */
    public record Report(String module, Optional<SkipReason> skipped, List<UUID> executions, Map<String, String> notReady,
                         List<String> alreadyExecuted) {
        static Report skipped(String module, SkipReason reason) {
            return new Report(module, Optional.of(reason), List.of(), Map.of(), List.of());
        }
    }

    private final Database db;
    private final ProfileStore profiles;
    private final SourceRegistry registry;
    private final ExecutionCreator creator;
    private final ExecutionLimits.ProcessCaps caps;
    private final String pool;

    public ExecutionAdmitter(Database db, ExecutionLimits.ProcessCaps caps, String pool) {
        this.db = db;
        this.profiles = new ProfileStore(db, StableJson::sha256);
        this.registry = new SourceRegistry(db);
        this.creator = new ExecutionCreator(new JobQueue(db));
        this.caps = caps;
        this.pool = pool;
    }

    /** The admission of an active revision with {@code automation.execution.enabled}; empty when not enabled. */
    public Optional<Report> admitAutomated(ConfigRevision revision) {
        Optional<ProjectConfig> bound = revision.bound();
        if (bound.isEmpty()) {
            LOG.warnf("event=execution_config_unreadable project=%s version=%d", revision.projectId(), revision.version());
            return Optional.empty();
        }
        ProjectConfig config = bound.get();
        ExecutionAutomation auto = config.automation() == null ? null : config.automation().execution();
        if (auto == null || !auto.enabled()) {
            return Optional.empty();
        }
        return Optional.of(admit(revision, config, auto));
    }

    Report admit(ConfigRevision revision, ProjectConfig config, ExecutionAutomation auto) {
        String module = revision.projectId();
        ExecutionLimits limits = ExecutionLimits.of(auto, caps);
        Optional<StoredProfile> profile = auto.deploymentProfileName() != null
                ? profiles.byName(auto.deploymentProfileName()) : profiles.defaultFor(module);
        Facts facts = facts(module, profile);
        Decision decision = ExecutionAdmissionPlan.plan(limits, facts);
        if (decision instanceof Skip skip) {
            if (skip.reason() == SkipReason.PROFILE_MISSING) {
                refuseMissingProfile(module, auto.deploymentProfileName());
            }
            return Report.skipped(module, skip.reason());
        }
        Admit admit = (Admit) decision;
        Optional<PendingClaims.Claim> claimed = PendingClaims.claim(db.sql(), module, admit.claimLimit(),
                limits.claimTtlMinutes());
        if (claimed.isEmpty()) {
            return new Report(module, Optional.empty(), List.of(), Map.of(), List.of());
        }
        PendingClaims.Claim claim = claimed.get();
        String correlationId = Uuid7.next().toString();
        List<UUID> created = new ArrayList<>();
        Map<String, String> notReady = new LinkedHashMap<>();
        List<String> executed = new ArrayList<>();
        Optional<SkipReason> stopped = Optional.empty();
        try {
            for (List<String> chunk : ExecutionAdmissionPlan.chunks(claim.sourceIdentifiers(), limits.maxSourcesPerExecution())) {
                if (created.size() >= admit.runLimit()) {
                    break;
                }
                ChunkResult r;
                try {
                    r = db.inTransaction(sql -> admitChunk(sql, chunk, claim, revision, config, auto, profile.orElseThrow(),
                            facts.queueDepth(), correlationId));
                } catch (ProfileCapReachedException e) {
                    LOG.infof("event=execution_admission_profile_full project=%s: %s", module, e.getMessage());
                    stopped = Optional.of(SkipReason.PROFILE_IN_FLIGHT_CAP);
                    break;
                }
                r.execution().ifPresent(created::add);
                notReady.putAll(r.partition().notReady());
                executed.addAll(r.partition().alreadyExecuted());
            }
        } finally {
            db.inTransaction(sql -> PendingClaims.release(sql, module, claim.token()));
        }
        return new Report(module, stopped, List.copyOf(created), notReady, List.copyOf(executed));
    }

    private record ChunkResult(SourcePartition.Partition partition, Optional<UUID> execution) {
    }

    private ChunkResult admitChunk(Sql sql, List<String> chunk, PendingClaims.Claim claim, ConfigRevision revision,
                                   ProjectConfig config, ExecutionAutomation auto, StoredProfile profile, long queueDepth,
                                   String correlationId) {
        String module = claim.module();
        List<String> held = PendingClaims.lockHeld(sql, module, chunk, claim.token());
        List<SourcePartition.Candidate> candidates = new ArrayList<>();
        for (String sid : chunk) {
            if (!held.contains(sid)) {
                continue; // the claim expired and was taken by someone else
            }
            Optional<SourceRow> row = registry.find(sql, module, sid);
            candidates.add(new SourcePartition.Candidate(sid, row.map(SourceRow::state).orElse(null),
                    registry.metadata(sql, module, sid).stream().map(ArchiveMetadata::readiness).toList()));
        }
        SourcePartition.Partition p = SourcePartition.partition(candidates);
        if (!p.alreadyExecuted().isEmpty()) {
            PendingClaims.clearPending(sql, module, p.alreadyExecuted(), claim.token());
        }
        if (p.ready().isEmpty()) {
            return new ChunkResult(p, Optional.empty());
        }
        JsonObject record = new JsonObject().put("policy_decision", "admitted").put("claim_token", claim.token())
                .put("admitted_source_count", p.ready().size()).put("queue_depth", queueDepth);
        JsonObject payload = new JsonObject().put("correlation_id", correlationId);
        List<SourceSelection> sources = p.ready().stream().map(sid -> new SourceSelection(sid, null)).toList();
        UUID id = creator.create(sql, new NewExecution(module, sources, auto.archiveName(), profile, revision.id(),
                config.outputVerification(), null, null, null, correlationId,
                new NewExecution.Automation(record, pool, payload)));
        return new ChunkResult(p, Optional.of(id));
    }

    private Facts facts(String module, Optional<StoredProfile> profile) {
        String[] inFlight = ExecutionCreator.inFlightStatuses();
        long project = db.sql().count("SELECT count(*) FROM batch_execution_record WHERE project_module = $1 "
                + "AND status = ANY($2::text[])", module, inFlight);
        long global = db.sql().count("SELECT count(*) FROM batch_execution_record WHERE status = ANY($1::text[])", (Object) inFlight);
        long queueDepth = db.sql().count("SELECT count(*) FROM jobs WHERE status = 'queued' AND next_run_at <= now()");
        record Pending(long count, OffsetDateTime oldest, OffsetDateTime now) {
        }
        Pending pending = db.sql().first("SELECT count(*), min(workflow_run_pending_at), now() FROM source_registry "
                        + "WHERE project_module = $1 AND " + PendingClaims.SQL_PENDING,
                r -> new Pending(r.getLong(0), r.getOffsetDateTime(1), r.getOffsetDateTime(2)), module).orElseThrow();
        ProfileFacts profileFacts = profile.map(p -> ProfileFacts.of(p.profile().maxConcurrentExecutions(),
                db.sql().count("SELECT count(*) FROM batch_execution_record WHERE deployment_profile_id = $1 "
                        + "AND status = ANY($2::text[])", p.id(), inFlight))).orElse(ProfileFacts.MISSING);
        Instant oldest = pending.oldest() == null ? null : pending.oldest().toInstant();
        return new Facts(project, global, queueDepth, pending.count(), oldest, profileFacts, pending.now().toInstant());
    }

    /** Our decision (30-project-config §3.12): a missing profile is never replaced silently; nothing is admitted. */
    private void refuseMissingProfile(String module, String name) {
        String message = name != null
                ? "deployment profile '" + name + "' named by automation.execution.deployment_profile_name does not exist"
                : "project '" + module + "' has no default deployment profile and automation.execution.deployment_profile_name is unset";
        LOG.warnf("event=execution_admission_refused project=%s reason=profile_missing deployment_profile_name=%s: %s",
                module, name, message);
        db.sql().update("INSERT INTO provenance_events (id, event_type, project_module, actor, payload) "
                        + "VALUES ($1, 'execution.admission_refused', $2, $3, $4)", Uuid7.next(), module,
                ExecutionCreator.AUTOMATION_ACTOR, new JsonObject().put("reason", SkipReason.PROFILE_MISSING.label())
                        .put("deployment_profile_name", name).put("message", message));
    }
}
