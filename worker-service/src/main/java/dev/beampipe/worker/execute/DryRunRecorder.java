package dev.beampipe.worker.execute;

import io.vertx.core.json.JsonObject;

/**
 * Stores what a dry run did not send (decision 14): one {@code dry_run_request} artifact per call, named by its
 * stage. The request describes method, URL and body exactly as the real client would send them; it never carries
 * credentials.
 */
@FunctionalInterface
public interface DryRunRecorder {
    String SCHEMA = "beampipe-dry-run-request/v1";

    void record(String stage, JsonObject request);
}
