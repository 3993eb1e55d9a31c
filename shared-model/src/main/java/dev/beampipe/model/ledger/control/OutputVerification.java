package dev.beampipe.model.ledger.control;

import dev.beampipe.model.ledger.store.LedgerRecords;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.outcome.SourceOutcomes;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code verify_execution_outputs} (10-state §5.7), one transaction: the trusted publisher's inventory is stored as a
 * {@code remote} {@code output_inventory} artifact and the execution completes; an identical re-verification returns
 * the stored artifact, a different one is a conflict.
 */
public final class OutputVerification {
    static final String ARTIFACT_COLUMNS = "uuid, execution_id, kind, storage_kind, uri, inline_json, media_type, sha256, "
            + "size_bytes, producer_phase, metadata, created_at";
    static final String PRODUCER_PHASE = "publication_acknowledged";
    private final Database db;

    public OutputVerification(Database db) {
        this.db = db;
    }

    /** The stored artifact row, as {@code ExecutionArtifactRow} fields (unredacted; the API redacts). */
    public record Verified(UUID executionId, JsonObject artifact, boolean replayed) {
    }

    /**
     * @param inventory the validated request
     * @param request the request body as sent (its canonical JSON is the artifact's sha256 and inline JSON)
     */
    public Verified verify(UUID id, OutputInventoryRules.Inventory inventory, JsonObject request, String actor,
                           String correlationId) {
        return db.inTransaction(sql -> verify(sql, id, inventory, request, actor, correlationId));
    }

    private Verified verify(Sql sql, UUID id, OutputInventoryRules.Inventory inv, JsonObject request, String actor,
                            String correlationId) {
        LockedExecution ex = LockedExecution.lock(sql, id).orElseThrow(() -> ControlFailure.notFound().rejected());
        OffsetDateTime now = sql.first("SELECT clock_timestamp()", r -> r.getOffsetDateTime(0)).orElseThrow();
        OutputInventoryRules.validate(inv, now);
        OutputInventoryRules.requireAwaitingVerification(ex.state(), ex.inventorySchema(), inv.schema());

        JsonNode tree = LedgerRecords.tree(request);
        String sha = StableJson.sha256(tree);
        long size = StableJson.write(tree).getBytes(StandardCharsets.UTF_8).length;
        JsonObject metadata = new JsonObject()
                .put("inventory_sha256", inv.inventorySha256())
                .put("inventory_schema", inv.schema())
                .put("publisher", inv.publication().publisher())
                .put("receipt_id", inv.publication().receiptId())
                .put("published_at", inv.publication().publishedAt().toString())
                .put("product_count", inv.products().size())
                .put("total_bytes", inv.products().stream().mapToLong(OutputInventoryRules.Product::bytes).sum());

        if ("verified".equals(ex.state().outputState())) {
            Optional<JsonObject> existing = sql.first("SELECT " + ARTIFACT_COLUMNS + " FROM execution_artifacts WHERE "
                    + "execution_id = $1 AND kind = $2 AND sha256 = $3", OutputVerification::artifact, id,
                    OutputInventoryRules.ARTIFACT_KIND, sha);
            if (existing.isPresent() && same(existing.get(), inv.durableDestinationUri(), request, metadata)) {
                return new Verified(id, existing.get(), true);
            }
            throw ControlFailure.conflict("outputs were already verified with a different durable inventory").rejected();
        }

        sql.update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, uri, inline_json, media_type, "
                        + "sha256, size_bytes, producer_phase, metadata) VALUES ($1, $2, $3, 'remote', $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (execution_id, kind, sha256) DO NOTHING",
                Uuid7.next(), id, OutputInventoryRules.ARTIFACT_KIND, inv.durableDestinationUri(), request,
                OutputInventoryRules.MEDIA_TYPE, sha, size, PRODUCER_PHASE, metadata);
        JsonObject artifact = sql.first("SELECT " + ARTIFACT_COLUMNS + " FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = $2 AND sha256 = $3", OutputVerification::artifact, id, OutputInventoryRules.ARTIFACT_KIND, sha)
                .orElseThrow();
        if (!same(artifact, inv.durableDestinationUri(), request, metadata)) {
            throw ControlFailure.conflict("inventory digest conflicts with an existing publication report").rejected();
        }

        JsonObject record = new JsonObject().put("inventory_sha256", inv.inventorySha256())
                .put("artifact_sha256", sha).put("durable_destination_uri", inv.durableDestinationUri())
                .put("publisher", inv.publication().publisher()).put("receipt_id", inv.publication().receiptId())
                .put("verified_at", now.toString());
        sql.update("UPDATE batch_execution_record SET output_state = 'verified', status = 'completed', execution_phase = NULL, "
                + "control_phase = 'terminal', terminal_outcome = 'succeeded', last_error = NULL, failure_class = NULL, "
                + "workflow_manifest = COALESCE(workflow_manifest, '{}'::jsonb) || jsonb_build_object('beampipe_run_record', "
                + "  COALESCE(workflow_manifest->'beampipe_run_record', '{}'::jsonb) || jsonb_build_object('output_verification', $2::jsonb)), "
                + "phase_timestamps = phase_timestamps || jsonb_build_object('outputs_verified', now()) "
                + "  || CASE WHEN phase_timestamps ? 'terminal' THEN '{}'::jsonb ELSE jsonb_build_object('terminal', now()) END, "
                + "completed_at = COALESCE(completed_at, now()), updated_at = now() WHERE uuid = $1", id, record);
        LedgerRecords.observation(sql, id, "output", "verified", PRODUCER_PHASE, null, record, inv.schema());
        boolean finalized = SourceOutcomes.finalizeSuccess(sql, id);
        JsonObject verified = new JsonObject().put("artifact_id", artifact.getString("uuid"))
                .put("inventory_sha256", inv.inventorySha256()).put("durable_destination_uri", inv.durableDestinationUri());
        insertOnce(sql, "execution.outputs_verified", ex, id, actor, correlationId, verified);
        insertOnce(sql, "execution.completed", ex, id, actor, correlationId, new JsonObject()
                .put("completion_gate", "output_verification").put("source_signatures_finalized", finalized)
                .put("source_identifiers", new JsonArray(ex.sourceIdentifiers())).put("status", "completed"));
        return new Verified(id, artifact, false);
    }

    private static void insertOnce(Sql sql, String type, LockedExecution ex, UUID id, String actor, String correlationId,
                                   JsonObject payload) {
        if (sql.count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2", id, type) == 0) {
            LedgerRecords.provenance(sql, type, ex.projectModule(), id, actor, correlationId, payload);
        }
    }

    private static boolean same(JsonObject artifact, String uri, JsonObject inline, JsonObject metadata) {
        return Objects.equals(artifact.getString("uri"), uri)
                && Objects.equals(StableJson.write(LedgerRecords.tree(artifact.getJsonObject("inline_json"))),
                StableJson.write(LedgerRecords.tree(inline)))
                && Objects.equals(StableJson.write(LedgerRecords.tree(artifact.getJsonObject("metadata"))),
                StableJson.write(LedgerRecords.tree(metadata)));
    }

    static JsonObject artifact(Row r) {
        Long size = r.getLong("size_bytes");
        return new JsonObject()
                .put("uuid", r.getUUID("uuid").toString())
                .put("execution_id", r.getUUID("execution_id").toString())
                .put("kind", r.getString("kind"))
                .put("storage_kind", r.getString("storage_kind"))
                .put("uri", r.getString("uri"))
                .put("inline_json", r.getValue("inline_json"))
                .put("media_type", r.getString("media_type"))
                .put("sha256", r.getString("sha256"))
                .put("size_bytes", size)
                .put("producer_phase", r.getString("producer_phase"))
                .put("metadata", r.getValue("metadata"))
                .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString());
    }
}
