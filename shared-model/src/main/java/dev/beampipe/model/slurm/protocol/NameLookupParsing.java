package dev.beampipe.model.slurm.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing and merging of the two name-lookup queries (40-backends §4.9). */
public final class NameLookupParsing {
    private NameLookupParsing() {
    }

    /**
     * Rows {@code id|name|state|reason}: blank lines skipped, anything but exactly 4 fields or an empty name is
     * malformed; rows of other names ignored; an exact-name row's id must be ASCII digits.
     */
    public static List<NameLookupRow> parse(String stdout, String sid) throws MalformedLookupException {
        List<NameLookupRow> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : stdout.lines().toList()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != 4) {
                throw new MalformedLookupException("line " + lineNo + " has " + f.length + " fields, expected 4");
            }
            String name = f[1].trim();
            if (name.isEmpty()) {
                throw new MalformedLookupException("line " + lineNo + " has an empty job name");
            }
            if (!name.equals(sid)) {
                continue;
            }
            String id = f[0].trim();
            if (!id.matches("[0-9]+")) {
                throw new MalformedLookupException("line " + lineNo + " has a non-numeric job id");
            }
            String stateText = f[2].trim();
            String rawState = stateText.isEmpty() ? "" : stateText.split("\\s+", 2)[0];
            rows.add(new NameLookupRow(id, name, SlurmState.normalize(rawState), rawState, StatusParsing.reason(f[3])));
        }
        return rows;
    }

    /** By job id, squeue rows win over sacct rows; squeue order first, then the sacct-only rows. */
    public static List<NameLookupRow> merge(List<NameLookupRow> squeue, List<NameLookupRow> sacct) {
        Map<String, NameLookupRow> byId = new LinkedHashMap<>();
        squeue.forEach(r -> byId.putIfAbsent(r.jobId(), r));
        sacct.forEach(r -> byId.putIfAbsent(r.jobId(), r));
        return List.copyOf(byId.values());
    }

    /** {@code not_found} | {@code exact} | {@code ambiguous} for a merged row list. */
    public static String outcome(List<NameLookupRow> merged) {
        return switch (merged.size()) {
            case 0 -> "not_found";
            case 1 -> "exact";
            default -> "ambiguous";
        };
    }
}
