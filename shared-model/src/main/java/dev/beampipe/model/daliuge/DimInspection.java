package dev.beampipe.model.daliuge;

import java.util.List;

/** {@code GET {dim}/api}: the node managers and the session ids the DIM holds (40-backends §3.13). */
public record DimInspection(String dimUrl, List<String> hosts, List<String> sessionIds) {

    public DimInspection {
        hosts = List.copyOf(hosts);
        sessionIds = List.copyOf(sessionIds);
    }

    public List<String> capabilities() {
        return List.of("session_api", "manager_topology", "session_logs");
    }

    public List<String> warnings() {
        return List.of(TranslatorInspection.VERSION_UNREPORTED);
    }
}
