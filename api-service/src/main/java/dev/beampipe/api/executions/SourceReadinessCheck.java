package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.sources.SourceRegistry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Per-source readiness at admission (10-state-and-jobs §2.2, checks 1-7, first failure wins: the shared
 * {@link dev.beampipe.model.sources.SourceReadiness} rule) plus the preview counts.
 */
final class SourceReadinessCheck {
    record Result(String error, SourcePreview preview, List<String> missingSbids) {
    }

    private record Metadata(String sbid, JsonNode json) {
    }

    private SourceReadinessCheck() {
    }

    static Result check(SourceRegistry registry, Sql sql, String module, SourceSelection s) {
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
        return new Result(registry.readinessError(sql, module, sid, filter).orElse(null), preview, missing);
    }

    static String pyList(List<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
