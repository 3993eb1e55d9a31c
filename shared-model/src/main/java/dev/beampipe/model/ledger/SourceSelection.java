package dev.beampipe.model.ledger;

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

    static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
