package dev.beampipe.api.sources;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.sources.NewSource;
import dev.beampipe.model.sources.SourceNames;
import dev.beampipe.model.sources.SourceRegistry;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Validation of source writes and the manual discovery trigger (10-state-and-jobs §3.2 flavour 3). */
final class SourceWrites {
    static final String TICK_KIND = "scheduler_tick";
    static final String POOL = "default";

    private final Database db;
    private final SourceRegistry registry;
    private final JobQueue queue;

    SourceWrites(Database db, SourceRegistry registry) {
        this.db = db;
        this.registry = registry;
        this.queue = new JobQueue(db);
    }

    /** The row to register, or 400 naming the field ({@code prefix} locates a bulk item). */
    static NewSource validated(SourceCreate item, String prefix) {
        if (item == null) {
            throw ApiErrors.unprocessable("Failed to deserialize the JSON body into the target type: " + prefix + " is null");
        }
        SourceNames.moduleProblem(item.projectModule()).ifPresent(p -> {
            throw ApiErrors.badRequest(prefix + p);
        });
        SourceNames.identifierProblem(item.sourceIdentifier()).ifPresent(p -> {
            throw ApiErrors.badRequest(prefix + p);
        });
        return new NewSource(item.projectModule(), item.sourceIdentifier(), Boolean.TRUE.equals(item.enabled()));
    }

    static String triggerKey(String module) {
        return "discover_trigger:" + module;
    }

    /**
     * Marks the module's enabled sources (optionally a subset) and, if any was marked, upserts the module's
     * trigger tick in the same transaction. A per-module advisory lock serialises concurrent triggers, so their
     * row updates cannot deadlock and they coalesce on the one job row.
     */
    DiscoverTriggerResponse discover(DiscoverTriggerRequest body, String correlationId, String traceparent) {
        SourceNames.moduleProblem(body.projectModule()).ifPresent(p -> {
            throw ApiErrors.badRequest(p);
        });
        if (body.sourceIdentifier() != null && body.sourceIdentifiers() != null) {
            throw ApiErrors.badRequest("Provide only one of source_identifier or source_identifiers");
        }
        List<String> only = body.sourceIdentifier() != null ? List.of(body.sourceIdentifier()) : body.sourceIdentifiers();
        if (only != null) {
            for (String identifier : only) {
                SourceNames.identifierProblem(identifier).ifPresent(p -> {
                    throw ApiErrors.badRequest(p);
                });
            }
        }
        String module = body.projectModule();
        List<String> marked = db.inTransaction(sql -> {
            sql.advisoryXactLock("beampipe:discover-trigger:" + module);
            List<String> identifiers = registry.markForRediscovery(sql, module, only);
            if (!identifiers.isEmpty()) {
                JsonObject payload = new JsonObject().put("project_module", module).put("correlation_id", correlationId);
                if (traceparent != null && !traceparent.isBlank()) {
                    payload.put("traceparent", traceparent);
                }
                queue.enqueueTrigger(sql, EnqueueRequest.of(TICK_KIND, payload).inPool(POOL).withKey(triggerKey(module)));
            }
            return identifiers;
        });
        return new DiscoverTriggerResponse(module, marked.size(), marked, DiscoverTriggerResponse.MESSAGE);
    }
}
