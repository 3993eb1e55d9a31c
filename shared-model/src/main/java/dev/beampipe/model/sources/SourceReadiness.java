package dev.beampipe.model.sources;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a source's discovered data is complete and it may be executed (10-state-and-jobs §2.2), as a pure
 * function of its registry row and metadata rows. Used by {@code GET /sources/{id}/status}, by execution admission
 * and by the dispatch-time re-check; the messages are the reference's, verbatim.
 */
public final class SourceReadiness {
    private SourceReadiness() {
    }

    /**
     * The first failing readiness check (1-7 of §2.2), or empty when the source is ready. {@code source} is null
     * when the source is not registered; {@code sbids} null or empty means every metadata row counts.
     */
    public static Optional<String> error(String sid, List<String> sbids, SourceState source, List<MetadataRow> rows) {
        if (source == null) {
            return Optional.of("Source " + sid + " is not registered. Register and discover the source before execution.");
        }
        if (!source.enabled()) {
            return Optional.of("Source " + sid + " is disabled");
        }
        if (source.lastCheckedAt() == null) {
            return Optional.of("Source " + sid + ": Discovery has not yet run for this source (last_checked_at is unset). "
                    + "Run discovery first (POST /api/v2/sources/discover).");
        }
        if (isEmpty(source.discoverySignature())) {
            return Optional.of("Source " + sid + ": Discovery signature is missing. Run discovery first (POST /api/v2/sources/discover).");
        }
        // like the reference, an expired claim still blocks until a discovery tick re-claims and releases it
        if (source.discoveryClaimToken() != null) {
            return Optional.of("Source " + sid + ": Discovery is still in progress for this source (active lease). Wait and retry.");
        }
        List<MetadataRow> selected = selected(rows, sbids);
        if (selected.isEmpty()) {
            String hint = sbids == null || sbids.isEmpty() ? "" : " (SBIDs: " + debugList(sbids) + ")";
            return Optional.of("Source " + sid + " has no discovered metadata" + hint
                    + ". Run discovery first (POST /api/v2/sources/discover).");
        }
        for (MetadataRow row : selected) {
            List<String> failed = failedFlags(row.metadataJson());
            if (!failed.isEmpty()) {
                return Optional.of("Source " + sid + " metadata has discovery_flags that have not passed (failed keys: "
                        + debugList(failed) + "). Re-run discovery.");
            }
        }
        return Optional.empty();
    }

    /** The blocker added when the current metadata was already executed. */
    public static String alreadyExecuted(String sid) {
        return "Source " + sid + ": Discovery signature matches last executed run (already executed for current metadata).";
    }

    /** {@code last_checked_at} set, a non-empty signature and no discovery claim. */
    public static boolean discoveryComplete(SourceState source) {
        return source.lastCheckedAt() != null && !isEmpty(source.discoverySignature()) && source.discoveryClaimToken() == null;
    }

    /** Both signatures non-empty and equal. */
    public static boolean signatureMatchesLastExecution(SourceState source) {
        return !isEmpty(source.discoverySignature()) && !isEmpty(source.lastExecutedDiscoverySignature())
                && source.discoverySignature().equals(source.lastExecutedDiscoverySignature());
    }

    /** The derived status of a registered source at {@code now}. */
    public static SourceStatus status(String sid, SourceState source, List<MetadataRow> rows, List<String> sbids, Instant now) {
        boolean matches = signatureMatchesLastExecution(source);
        TreeSet<String> blockers = new TreeSet<>();
        error(sid, sbids, source, rows).ifPresent(blockers::add);
        if (matches) {
            blockers.add(alreadyExecuted(sid));
        }
        Long age = null;
        if (source.workflowRunPending() && source.workflowRunPendingAt() != null) {
            age = Math.max(0, Duration.between(source.workflowRunPendingAt(), now).toSeconds());
        }
        return new SourceStatus(blockers.isEmpty(), discoveryComplete(source), source.workflowRunPending(),
                source.discoverySignature(), source.lastExecutedDiscoverySignature(), matches, new ArrayList<>(blockers), age);
    }

    /** Python truthiness: null, false, blank strings, zero, and empty arrays/objects fail. */
    public static boolean flagPasses(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return !value.textValue().isBlank();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0.0;
        }
        return value.size() > 0;
    }

    static List<MetadataRow> selected(List<MetadataRow> rows, List<String> sbids) {
        if (sbids == null || sbids.isEmpty()) {
            return rows;
        }
        return rows.stream().filter(r -> sbids.contains(r.sbid())).toList();
    }

    /** The failing flag names of one row, in key order; rows without a {@code discovery_flags} object pass. */
    static List<String> failedFlags(JsonNode metadata) {
        if (metadata == null || !metadata.isObject() || !metadata.path("discovery_flags").isObject()) {
            return List.of();
        }
        Map<String, JsonNode> flags = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.get("discovery_flags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> flag = it.next();
            flags.put(flag.getKey(), flag.getValue());
        }
        List<String> failed = new ArrayList<>();
        flags.forEach((key, value) -> {
            if (!flagPasses(value)) {
                failed.add(key);
            }
        });
        return failed;
    }

    /** Rust's {@code {:?}} of a list of strings: {@code ["a", "b"]} with quotes and backslashes escaped. */
    static String debugList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"');
            for (char c : items.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            sb.append(String.format("\\u{%x}", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
