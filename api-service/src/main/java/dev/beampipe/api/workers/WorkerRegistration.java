package dev.beampipe.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.workers.WorkerIdentity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Turns a register request into a {@link WorkerIdentity}, with the reference's defaults and messages. */
public final class WorkerRegistration {
    static final String REQUIRED = "worker instance_name, host, pool, version, and positive concurrency_limit are required";
    static final String ROLE = "worker role must be worker or scheduler_worker";
    static final String LABELS = "worker labels must be a JSON object whose values are strings, numbers or booleans";
    static final String CAPABILITIES = "worker capabilities must be non-blank strings";

    private WorkerRegistration() {
    }

    /** Throws {@link IllegalArgumentException} with the reference's message on a rejected request. */
    public static WorkerIdentity identity(WorkerRegisterRequest r, Supplier<UUID> newId) {
        String pool = r.pool() == null ? "default" : r.pool();
        int concurrency = r.concurrencyLimit() == null ? 1 : r.concurrencyLimit();
        if (blank(r.instanceName()) || blank(r.host()) || blank(pool) || blank(r.version()) || concurrency < 1) {
            throw new IllegalArgumentException(REQUIRED);
        }
        String role = r.role() == null ? "worker" : r.role();
        if (!role.equals("worker") && !role.equals("scheduler_worker")) {
            throw new IllegalArgumentException(ROLE);
        }
        List<String> capabilities = r.capabilities() == null ? List.of() : r.capabilities();
        if (capabilities.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException(CAPABILITIES);
        }
        return new WorkerIdentity(r.id() == null ? newId.get() : r.id(), r.instanceName(), r.host(), r.processId(), role,
                pool, capabilities, labels(r.labels()), r.version(), concurrency);
    }

    /** Claims match labels as strings (the worker settings' labels), so scalars are kept as their text. */
    static Map<String, String> labels(JsonNode labels) {
        if (labels == null || labels.isNull()) {
            return Map.of();
        }
        if (!labels.isObject()) {
            throw new IllegalArgumentException(LABELS);
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(LABELS);
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
