package dev.beampipe.worker.discovery.batch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code discover_batch} payload (10-state-and-jobs §4.2 step 1): {@code project_module} and
 * {@code claim_token} strings and a {@code source_identifiers} array whose non-string entries are dropped.
 * Anything missing is a job error ({@code discover_batch missing …}) so the job is retried and, after its
 * attempts, dead-lettered where an operator sees it.
 */
public record DiscoverBatchPayload(String projectModule, String claimToken, List<String> sourceIdentifiers) {

    public DiscoverBatchPayload {
        sourceIdentifiers = List.copyOf(sourceIdentifiers);
    }

    public static DiscoverBatchPayload parse(JsonObject payload) {
        String module = requiredString(payload, "project_module");
        String token = requiredString(payload, "claim_token");
        Object identifiers = payload == null ? null : payload.getValue("source_identifiers");
        if (!(identifiers instanceof JsonArray array)) {
            throw new IllegalArgumentException("discover_batch missing source_identifiers");
        }
        List<String> kept = new ArrayList<>();
        for (Object entry : array) {
            if (entry instanceof String s) {
                kept.add(s);
            }
        }
        return new DiscoverBatchPayload(module, token, kept);
    }

    private static String requiredString(JsonObject payload, String key) {
        Object value = payload == null ? null : payload.getValue(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("discover_batch missing " + key);
        }
        return s;
    }
}
