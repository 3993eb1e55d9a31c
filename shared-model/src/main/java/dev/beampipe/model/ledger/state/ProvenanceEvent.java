package dev.beampipe.model.ledger.state;

import io.vertx.core.json.JsonObject;

/** A provenance row a write path must insert in the same transaction as the state change. */
public record ProvenanceEvent(String eventType, String actor, String correlationId, JsonObject payload) {
}
