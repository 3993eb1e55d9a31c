package dev.beampipe.model.ledger;

import io.vertx.core.json.JsonObject;

/**
 * The {@code do_stage}/{@code do_submit} options of an {@code execute} job (20-api §2.4): both default to true,
 * in the request and when read back from a stored payload.
 */
public record ExecuteFlags(boolean doStage, boolean doSubmit) {

    public static ExecuteFlags of(Boolean doStage, Boolean doSubmit) {
        return new ExecuteFlags(doStage == null || doStage, doSubmit == null || doSubmit);
    }

    /** The flags a stored job payload asked for; a missing or non-boolean value counts as true. */
    public static ExecuteFlags fromPayload(JsonObject payload) {
        return new ExecuteFlags(flag(payload, "do_stage"), flag(payload, "do_submit"));
    }

    private static boolean flag(JsonObject payload, String key) {
        Object value = payload == null ? null : payload.getValue(key);
        return !(value instanceof Boolean b) || b;
    }

    /** The job key that makes a start request idempotent. */
    public static String jobKey(java.util.UUID executionId) {
        return "execute:" + executionId;
    }
}
