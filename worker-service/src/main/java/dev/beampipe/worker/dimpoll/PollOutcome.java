package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.DaliugeStates;
import dev.beampipe.model.daliuge.DimPollResult;
import dev.beampipe.model.daliuge.GraphStatus;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What one poll of one session produced: a session observation, or a poll error (40-backends §3.9, §3.11). */
public sealed interface PollOutcome {

    String OBSERVATION_KIND = "daliuge_session";

    Instant observedAt();

    /** The {@code daliuge_state} the outcome writes. */
    String ledgerState();

    /** @param dryRun produced by the dry-run backend (nothing was sent) */
    record Observed(DimPollResult result, boolean dryRun) implements PollOutcome {
        @Override
        public Instant observedAt() {
            return result.observedAt();
        }

        @Override
        public String ledgerState() {
            return result.ledgerState();
        }

        /** The session reached FINISHED, CANCELLED or FAILED (or finished with error drops). */
        public boolean terminal() {
            return result.terminal();
        }

        public String sessionState() {
            return result.status().state().ledgerValue();
        }

        /**
         * The poll summary (§3.9 item 4): {@code session_id}, raw {@code status}, {@code normalized_session_state},
         * {@code per_node}, {@code observed_at}, raw {@code graph_status} (null while the DIM cannot give one) and
         * {@code error_drop_uids}; {@code dry_run: true} on a dry run.
         */
        public JsonObject summary() {
            JsonObject perNode = new JsonObject();
            result.status().perNode().forEach((node, state) -> perNode.put(node, state.ledgerValue()));
            JsonObject out = new JsonObject().put("session_id", result.sessionId())
                    .put("status", Json.decodeValue(result.status().raw().toString()))
                    .put("normalized_session_state", sessionState())
                    .put("per_node", perNode)
                    .put("observed_at", DimRunRecord.timestamp(result.observedAt()))
                    .put("graph_status", result.graphStatus().map(GraphStatus::raw)
                            .map(raw -> Json.decodeValue(raw.toString())).orElse(null))
                    .put("error_drop_uids", new JsonArray(result.errorDropUids()));
            return dryRun ? out.put("dry_run", true) : out;
        }
    }

    /** A poll that failed; {@code error} is already redacted. */
    record Failed(String sessionId, DaliugeException exception, String error, Instant observedAt) implements PollOutcome {
        public static final String SYSTEM_ACTION = "retain the stable session identifier and reconcile again";

        public static Failed of(String sessionId, DaliugeException e, Instant at) {
            String text = "DIM " + e.operation().wire() + " failed: " + e.getMessage();
            return new Failed(sessionId, e, Redaction.string(text), at);
        }

        @Override
        public String ledgerState() {
            return DaliugeStates.ledgerStateForPollError(exception);
        }

        /** The DIM does not know the session (HTTP 404 or 555 {@code NoSessionException}). */
        public boolean sessionUnknown() {
            return exception.sessionNotFound();
        }

        public String errorKind() {
            return exception.kind().wire();
        }

        public JsonObject payload() {
            return new JsonObject().put("error_kind", errorKind()).put("retryable", exception.retryable())
                    .put("session_id", sessionId).put("system_action", SYSTEM_ACTION);
        }
    }
}
