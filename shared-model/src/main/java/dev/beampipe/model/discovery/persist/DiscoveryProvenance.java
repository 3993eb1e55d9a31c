package dev.beampipe.model.discovery.persist;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonObject;

/**
 * The {@code discovery.*} provenance events, written inside the source's persisting transaction (so an event exists
 * exactly when its state change committed): actor {@code system:discovery}, correlation = the claim token, no
 * execution.
 */
final class DiscoveryProvenance {
    static final String ACTOR = "system:discovery";

    private DiscoveryProvenance() {
    }

    static void record(Sql sql, String eventType, String module, String sourceIdentifier, String claimToken,
                       JsonObject payload) {
        sql.update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, source_identifier, "
                        + "execution_id, actor, correlation_id, payload) "
                        + "VALUES ($1, clock_timestamp(), $2, $3, $4, NULL, $5, $6, $7)",
                Uuid7.next(), eventType, module, sourceIdentifier, ACTOR, claimToken, payload);
    }
}
