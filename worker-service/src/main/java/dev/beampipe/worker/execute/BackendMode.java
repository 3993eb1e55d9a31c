package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The backend mode an execution was submitted with, recorded by the execute job as
 * {@code workflow_manifest.beampipe_run_record.backend_mode} ({@code dry_run} or {@code real}) with the manifest it
 * stores at step 15, so the intent, a held submission and the receipt all carry it. The DIM polling follows it
 * instead of the polling worker's {@code BEAMPIPE_USE_REAL_BACKENDS}: the tick polls only {@code real} executions,
 * and a {@code dim_poll} job dry-runs only {@code dry_run} ones. Rows written before the key existed have no mode;
 * for them the reader's own setting decides.
 */
public enum BackendMode {
    DRY_RUN("dry_run"),
    REAL("real");

    public static final String KEY = "backend_mode";
    public static final String RUN_RECORD = "beampipe_run_record";
    /** SQL: the recorded mode of {@code e} (NULL when absent). */
    public static final String COLUMN = "e.workflow_manifest #>> '{" + RUN_RECORD + "," + KEY + "}'";

    private final String wire;

    BackendMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static BackendMode of(boolean useRealBackends) {
        return useRealBackends ? REAL : DRY_RUN;
    }

    /** The recorded mode, else (absent or unknown value) the caller's fallback. */
    public static BackendMode effective(String recorded, boolean fallbackReal) {
        for (BackendMode m : values()) {
            if (m.wire.equals(recorded)) {
                return m;
            }
        }
        return of(fallbackReal);
    }

    /** A copy of {@code manifest} with {@code beampipe_run_record.backend_mode} set to this mode. */
    public ObjectNode recordIn(ObjectNode manifest) {
        ObjectNode out = manifest.deepCopy();
        (out.get(RUN_RECORD) instanceof ObjectNode record ? record : out.putObject(RUN_RECORD)).put(KEY, wire);
        return out;
    }
}
