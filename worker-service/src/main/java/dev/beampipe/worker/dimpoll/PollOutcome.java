package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.DaliugeStates;
import dev.beampipe.model.daliuge.DimPollResult;
import dev.beampipe.model.daliuge.GraphStatus;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What one poll of one session produced: a session observation, or a poll error (40-backends §3.9, §3.11). */
public sealed interface PollOutcome {

    String OBSERVATION_KIND = "daliuge_session";

    Instant observedAt();

    /** The session that was polled (the dry run's or the real poll's). */
    String sessionId();

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

        @Override
        public String sessionId() {
            return result.sessionId();
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

    /**
     * A poll that failed; {@code error} is already redacted. {@code errorKind} is the DALiuGE error kind
     * ({@code not_found}, {@code connectivity}, {@code timeout}, …) or {@code configuration} when the poll could not
     * even be built or sent (a malformed {@code daliuge_manager_url}, no DIM endpoint at all).
     */
    record Failed(String sessionId, String errorKind, FailureClass failureClass, String ledgerState, boolean retryable,
                  String error, Instant observedAt) implements PollOutcome {
        public static final String SYSTEM_ACTION = "retain the stable session identifier and reconcile again";
        public static final String CONFIGURATION = "configuration";

        public static Failed of(String sessionId, DaliugeException e, Instant at) {
            String text = "DIM " + e.operation().wire() + " failed: " + e.getMessage();
            return new Failed(sessionId, e.kind().wire(), FailureClass.parse(e.kind().failureClass()),
                    DaliugeStates.ledgerStateForPollError(e), e.retryable(), Redaction.string(text), at);
        }

        /** The poll could not be built or sent: nothing reached the DIM, and repeating it will not help. */
        public static Failed configuration(String sessionId, String problem, Instant at) {
            return new Failed(sessionId, CONFIGURATION, FailureClass.CONFIGURATION, DaliugeStates.UNREACHABLE, false,
                    Redaction.string("DIM poll not sent: " + problem), at);
        }

        public JsonObject payload() {
            return new JsonObject().put("error_kind", errorKind).put("retryable", retryable)
                    .put("session_id", sessionId).put("system_action", SYSTEM_ACTION);
        }
    }
}
