package dev.beampipe.worker.discovery.tap;

import java.util.List;
import java.util.Map;

/**
 * The first table of a VOTable as string-valued records (30-project-config §3.3: every VOTable cell is a
 * string, NULL → {@code ""}). {@code queryStatus} is the DALI {@code QUERY_STATUS} value ({@code OK},
 * {@code OVERFLOW}) or {@code null} when the document has none. Rows keep FIELD order.
 */
public record VotableTable(List<String> columns, List<Map<String, String>> rows, String queryStatus) {

    public VotableTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public boolean overflow() {
        return "OVERFLOW".equals(queryStatus);
    }
}
