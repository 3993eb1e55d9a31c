package dev.beampipe.model.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** One {@code ExecutionSourceSelection}: a source and optionally the SBIDs to run ({@code null} = all). */
public record SourceSelection(String sourceIdentifier, List<String> sbids) {
    public SourceSelection {
        sbids = sbids == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sbids));
    }

    /** Identifier and SBIDs trimmed (nulls stay null). */
    public SourceSelection trimmed() {
        return new SourceSelection(trim(sourceIdentifier),
                sbids == null ? null : sbids.stream().map(SourceSelection::trim).toList());
    }

    /**
     * The {@code source_identifier}s of an execution's pinned {@code sources} column (a JSON array of selections), in
     * stored order; entries without an identifier are skipped, anything but an array reads as none.
     */
    public static List<String> identifiers(Object sources) {
        List<String> out = new ArrayList<>();
        if (sources instanceof JsonArray array) {
            for (Object o : array) {
                if (o instanceof JsonObject s && s.getString("source_identifier") != null) {
                    out.add(s.getString("source_identifier"));
                }
            }
        }
        return List.copyOf(out);
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
