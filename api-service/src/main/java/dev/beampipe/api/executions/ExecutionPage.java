package dev.beampipe.api.executions;

import java.util.List;

/** The page-based envelope of {@code GET /executions} (20-api §1.6): the clamped values are echoed. */
public record ExecutionPage(List<ExecutionRow> items, long total, int page, int itemsPerPage) {
}
