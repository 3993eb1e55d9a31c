package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.SourceSelection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-source readiness at admission (10-state-and-jobs §2.2, checks 1-7, first failure wins) plus the preview
 * counts. TODO(sources): replace with dev.beampipe.model.sources.SourceReadiness once the sources engineer's
 * version is on main; the messages here are the spec's verbatim ones so the swap changes no output.
 */
final class SourceReadinessCheck {
    private static final String RUN_DISCOVERY = "Run discovery first (POST /api/v2/sources/discover).";

    record Result(String error, SourcePreview preview, List<String> missingSbids) {
    }

    private record Registry(boolean enabled, boolean checked, String signature, String claimToken) {
    }

    private record Metadata(String sbid, JsonNode json) {
    }

    private SourceReadinessCheck() {
    }

    static Result check(Sql sql, String module, SourceSelection s) {
        String sid = s.sourceIdentifier();
        List<Metadata> rows = sql.list("SELECT sbid, metadata_json FROM archive_metadata WHERE project_module = $1 "
                        + "AND source_identifier = $2 ORDER BY sbid", r -> new Metadata(r.getString("sbid"), JsonColumns.json(r, "metadata_json")),
                module, sid);
        List<String> filter = s.sbids() == null ? List.of() : s.sbids();
        List<Metadata> selected = filter.isEmpty() ? rows : rows.stream().filter(m -> filter.contains(m.sbid())).toList();
        List<String> present = rows.stream().map(Metadata::sbid).toList();
        List<String> missing = filter.stream().filter(sbid -> !present.contains(sbid)).toList();
        int datasets = selected.stream().mapToInt(m -> m.json() != null && m.json().path("datasets").isArray()
                ? m.json().path("datasets").size() : 0).sum();
        SourcePreview preview = new SourcePreview(sid, selected.size(), datasets);
        return new Result(readinessError(sql, module, sid, filter, selected), preview, missing);
    }

    private static String readinessError(Sql sql, String module, String sid, List<String> filter, List<Metadata> selected) {
        Registry reg = sql.first("SELECT enabled, last_checked_at IS NOT NULL AS checked, discovery_signature, "
                        + "discovery_claim_token FROM source_registry WHERE project_module = $1 AND source_identifier = $2",
                r -> new Registry(r.getBoolean("enabled"), r.getBoolean("checked"), r.getString("discovery_signature"),
                        r.getString("discovery_claim_token")), module, sid).orElse(null);
        if (reg == null) {
            return "Source " + sid + " is not registered. Register and discover the source before execution.";
        }
        if (!reg.enabled()) {
            return "Source " + sid + " is disabled";
        }
        if (!reg.checked()) {
            return "Source " + sid + ": Discovery has not yet run for this source (last_checked_at is unset). " + RUN_DISCOVERY;
        }
        if (reg.signature() == null || reg.signature().isEmpty()) {
            return "Source " + sid + ": Discovery signature is missing. " + RUN_DISCOVERY;
        }
        if (reg.claimToken() != null) {
            return "Source " + sid + ": Discovery is still in progress for this source (active lease). Wait and retry.";
        }
        if (selected.isEmpty()) {
            String hint = filter.isEmpty() ? "" : " (SBIDs: " + pyList(filter) + ")";
            return "Source " + sid + " has no discovered metadata" + hint + ". " + RUN_DISCOVERY;
        }
        List<String> failed = new ArrayList<>();
        for (Metadata m : selected) {
            JsonNode flags = m.json() == null ? null : m.json().get("discovery_flags");
            if (flags == null || !flags.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = flags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!truthy(e.getValue()) && !failed.contains(e.getKey())) {
                    failed.add(e.getKey());
                }
            }
        }
        if (!failed.isEmpty()) {
            return "Source " + sid + " metadata has discovery_flags that have not passed (failed keys: " + pyList(failed)
                    + "). Re-run discovery.";
        }
        return null;
    }

    /** Python truthiness of a JSON value (blank strings count as false here, as in the reference). */
    static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0.0;
        }
        if (v.isTextual()) {
            return !v.textValue().isBlank();
        }
        return v.size() > 0;
    }

    static String pyList(List<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
