package dev.beampipe.model.ledger.submission;

import io.vertx.core.json.JsonObject;

/**
 * JSON helpers for the pure run-record merges ("old document → new document", 10-state §5.4): copy the stored
 * manifest, read a child object, create a child object. Shared by the Slurm and DIM poll merges.
 */
public final class RunRecordSections {
    private RunRecordSections() {
    }

    /** A deep copy of the manifest (the merges never change their input); an empty object for none. */
    public static JsonObject copy(JsonObject manifest) {
        return manifest == null ? new JsonObject() : manifest.copy();
    }

    /** The child object under {@code key}, or null when it is missing or not an object. */
    public static JsonObject sub(JsonObject parent, String key) {
        return parent.getValue(key) instanceof JsonObject o ? o : null;
    }

    /** The child object under {@code key}, created (or replacing a non-object) when missing. */
    public static JsonObject section(JsonObject parent, String key) {
        JsonObject child = sub(parent, key);
        if (child == null) {
            child = new JsonObject();
            parent.put(key, child);
        }
        return child;
    }
}
