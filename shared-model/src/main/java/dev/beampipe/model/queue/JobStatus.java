package dev.beampipe.model.queue;

import java.util.Locale;

/** {@code jobs.status} values (CHECK {@code ck_job_status}). */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, DEAD_LETTER, CANCELLED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
