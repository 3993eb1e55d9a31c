package dev.beampipe.worker.execute;

import dev.beampipe.model.settings.EnvValues;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The options of one {@code execute} job (10-state-and-jobs §5.3 steps 1–2, 40-backends §7.1–§7.2):
 * {@code execution_id} (required UUID), {@code do_stage} / {@code do_submit} (booleans, default true) and
 * {@code use_real_backends} (boolean; when absent, {@code BEAMPIPE_USE_REAL_BACKENDS}, default false).
 */
public record ExecuteOptions(UUID executionId, boolean doStage, boolean doSubmit, boolean useRealBackends) {

    public static final String USE_REAL_BACKENDS = "BEAMPIPE_USE_REAL_BACKENDS";

    /** Throws {@link IllegalArgumentException} with a clear message when the payload is malformed. */
    public static ExecuteOptions parse(JsonObject payload, EnvValues env) {
        JsonObject p = payload == null ? new JsonObject() : payload;
        Object id = p.getValue("execution_id");
        if (!(id instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("execute payload needs a string execution_id");
        }
        UUID executionId;
        try {
            executionId = UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("execute payload execution_id is not a UUID: " + text);
        }
        boolean realDefault = env.bool(USE_REAL_BACKENDS, false);
        return new ExecuteOptions(executionId, flag(p, "do_stage", true), flag(p, "do_submit", true),
                flag(p, "use_real_backends", realDefault));
    }

    /** Neither staging, TM, DIM nor any probe leaves the process (decision 14). */
    public boolean dryRun() {
        return !useRealBackends;
    }

    private static boolean flag(JsonObject payload, String key, boolean fallback) {
        Object value = payload.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("execute payload " + key + " must be a boolean");
    }
}
