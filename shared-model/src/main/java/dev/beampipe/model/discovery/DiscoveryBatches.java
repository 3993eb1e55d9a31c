package dev.beampipe.model.discovery;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One project's discovery admission (30-project-config §3.12): gates, then a loop of claim + enqueue of one
 * {@code discover_batch} job per claim, each pair in one transaction so a claim never exists without its job.
 * The job key is {@code discover:<module>:<claim_token>}, so a retried enqueue never creates a second job.
 * Payload contract: see docs/discovery-admission.md.
 */
public final class DiscoveryBatches {
    public static final String KIND = "discover_batch";

    /** What one admission did: the enqueued claims, or why it was skipped. */
    public record Admission(List<SourceClaims.Claim> batches, Optional<String> skipped) {
    }

    private final Database db;
    private final SourceClaims claims;
    private final JobQueue queue;

    public DiscoveryBatches(Database db) {
        this.db = db;
        this.claims = new SourceClaims(db);
        this.queue = new JobQueue(db);
    }

    /** Discover batches of the module (or of every module when null) that are queued or running. */
    public long inFlight(String module) {
        return db.sql().count("SELECT count(*) FROM jobs WHERE kind = $1 AND status IN ('queued', 'running') "
                + "AND ($2::text IS NULL OR payload->>'project_module' = $2)", KIND, module);
    }

    public long queueDepth() {
        return db.sql().count("SELECT count(*) FROM jobs WHERE status = 'queued'");
    }

    public Admission admit(String module, long configRevision, DiscoveryLimits limits, int globalInFlightCap, String pool) {
        long projectInFlight = inFlight(module);
        Optional<String> skip = DiscoveryAdmission.skipReason(limits, queueDepth(), inFlight(null), globalInFlightCap,
                projectInFlight);
        if (skip.isPresent()) {
            return new Admission(List.of(), skip);
        }
        List<SourceClaims.Claim> enqueued = new ArrayList<>();
        int claimed = 0;
        int size;
        while ((size = DiscoveryAdmission.nextClaimSize(limits, claimed, enqueued.size(), projectInFlight)) > 0) {
            int limit = size;
            Optional<SourceClaims.Claim> claim = db.inTransaction(sql -> {
                Optional<SourceClaims.Claim> c = claims.claim(sql, module, limits.staleAfterHours(), limit,
                        limits.claimTtlMinutes());
                c.ifPresent(batch -> queue.enqueue(sql, EnqueueRequest.of(KIND, payload(batch, configRevision))
                        .inPool(pool).withKey("discover:" + module + ":" + batch.token())));
                return c;
            });
            if (claim.isEmpty()) {
                break;
            }
            enqueued.add(claim.get());
            claimed += claim.get().sources().size();
        }
        return new Admission(enqueued, Optional.empty());
    }

    static JsonObject payload(SourceClaims.Claim claim, long configRevision) {
        return new JsonObject().put("project_module", claim.module()).put("config_revision", configRevision)
                .put("claim_token", claim.token()).put("source_identifiers", new JsonArray(claim.identifiers()));
    }
}
