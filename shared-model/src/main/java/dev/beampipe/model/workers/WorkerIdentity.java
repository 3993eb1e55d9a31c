package dev.beampipe.model.workers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a worker process registers in {@code worker_instances}. */
public record WorkerIdentity(
        UUID id,
        String instanceName,
        String hostName,
        Integer processId,
        String role,
        String pool,
        List<String> capabilities,
        Map<String, String> labels,
        String version,
        int concurrencyLimit) {

    public WorkerIdentity {
        capabilities = List.copyOf(capabilities);
        labels = Map.copyOf(labels);
        if (!"worker".equals(role) && !"scheduler_worker".equals(role)) {
            throw new IllegalArgumentException("worker role must be worker or scheduler_worker");
        }
    }

    /** The reference's host name rule: $HOSTNAME, else $COMPUTERNAME, else unknown-host. */
    public static String hostName(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = env.get("COMPUTERNAME");
        }
        return host == null || host.isBlank() ? "unknown-host" : host;
    }

    /** {@code {host}:{pid}:{first 8 hex of uuid}}. */
    public static String defaultInstanceName(String host, long pid, UUID id) {
        return host + ":" + pid + ":" + id.toString().substring(0, 8);
    }
}
