package dev.beampipe.model.ledger;

import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.profile.StoredProfile;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * Everything {@link ExecutionCreator} pins into a new execution (10-state-and-jobs §5.1, §5.2). {@code profile} and
 * {@code configRevisionId} may be null (no profile / no pinned revision); {@code createdById}, {@code idempotencyKey}
 * and {@code requestHash} are the API's; {@code automation} is set only for executions admitted by the tick.
 */
public record NewExecution(String projectModule, List<SourceSelection> sources, String archiveName, StoredProfile profile,
                           UUID configRevisionId, OutputVerification outputPolicy, Integer createdById,
                           String idempotencyKey, String requestHash, String correlationId, Automation automation) {

    /**
     * The automated part: the admission record stored under {@code workflow_manifest.beampipe_run_record.scheduler},
     * and the {@code execute} job enqueued in the same transaction (pool, extra payload such as the tick's
     * correlation id).
     */
    public record Automation(JsonObject schedulerRecord, String pool, JsonObject jobPayload) {
    }

    public List<String> sourceIdentifiers() {
        return sources.stream().map(SourceSelection::sourceIdentifier).toList();
    }
}
