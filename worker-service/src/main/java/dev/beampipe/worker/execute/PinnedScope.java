package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.sources.MetadataRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Step 7 of the execute job (10-state-and-jobs §5.3): exactly the archive rows the execution pinned. Every selected
 * source must have rows, every selected SBID must be covered, each row is an object with a non-empty
 * {@code datasets} array, and each dataset is an object carrying its parent's {@code source_identifier} and
 * {@code sbid} and a {@code dataset_id} or {@code visibility_filename}, none twice. The result is the <b>expected
 * scope</b> that staging and the manifest must reproduce, and the dataset records (sources in selection order, SBIDs
 * in byte order, datasets in stored order) that staging and the manifest builder read.
 *
 * <p>The same dataset checks apply to staged records ({@link #ofRecords}) and to the manifest ({@link #ofManifest}).
 * A manifest may list one source in several {@code sources[]} entries as long as each (source, SBID) appears once:
 * WALLABY's {@code group_by: [source_identifier, sbid]} makes one entry per SBID (40-backends §6.3 option).
 */
public final class PinnedScope {

    /** The expected scope and the selected dataset records. */
    public record Selected(DatasetScope expected, List<ObjectNode> records) {
        public Selected {
            records = List.copyOf(records);
        }
    }

    private PinnedScope() {
    }

    /** {@code rows}: the stored {@code archive_metadata} rows per selected source (absent = no rows). */
    public static Selected select(List<SourceSelection> selections, Map<String, List<MetadataRow>> rows) {
        if (selections.isEmpty()) {
            throw new ScopeException("execution selects no sources");
        }
        Set<String> seen = new LinkedHashSet<>();
        TreeMap<ScopeKey, SortedSet<String>> cells = new TreeMap<>();
        List<ObjectNode> records = new ArrayList<>();
        for (SourceSelection selection : selections) {
            String sid = selection.sourceIdentifier();
            if (!seen.add(sid)) {
                throw new ScopeException("execution selects source '" + sid + "' more than once");
            }
            List<MetadataRow> sourceRows = rows.getOrDefault(sid, List.of());
            if (sourceRows.isEmpty()) {
                throw new ScopeException("source '" + sid + "' has no archive metadata rows");
            }
            List<String> sbids = selection.sbids() == null ? List.of() : selection.sbids();
            TreeMap<String, MetadataRow> bySbid = new TreeMap<>();
            for (MetadataRow row : sourceRows) {
                if (sbids.isEmpty() || sbids.contains(row.sbid())) {
                    bySbid.put(row.sbid(), row);
                }
            }
            List<String> uncovered = sbids.stream().filter(s -> !bySbid.containsKey(s)).distinct().toList();
            if (!uncovered.isEmpty()) {
                throw new ScopeException("source '" + sid + "' has no archive metadata for selected SBIDs " + uncovered);
            }
            for (MetadataRow row : bySbid.values()) {
                ScopeKey key = new ScopeKey(sid, row.sbid());
                JsonNode metadata = row.metadataJson();
                if (metadata == null || !metadata.isObject()) {
                    throw new ScopeException("archive metadata of " + key + " is not an object");
                }
                JsonNode datasets = metadata.path("datasets");
                if (!datasets.isArray() || datasets.isEmpty()) {
                    throw new ScopeException("archive metadata of " + key + " contains no datasets");
                }
                SortedSet<String> identities = cells.computeIfAbsent(key, k -> new TreeSet<>());
                int index = 0;
                for (JsonNode dataset : datasets) {
                    index++;
                    identities.add(checkedIdentity(dataset, key, "dataset " + index + " of " + key, identities));
                    records.add((ObjectNode) dataset.deepCopy());
                }
            }
        }
        return new Selected(new DatasetScope(cells), records);
    }

    /** The scope of staged (or passed-through) records; each must name its source, SBID and identity. */
    public static DatasetScope ofRecords(List<? extends JsonNode> records) {
        TreeMap<ScopeKey, SortedSet<String>> cells = new TreeMap<>();
        int index = 0;
        for (JsonNode record : records) {
            index++;
            String where = "staged record " + index;
            if (record == null || !record.isObject()) {
                throw new ScopeException(where + " is not an object");
            }
            String sid = text(record.get("source_identifier"));
            String sbid = sbidText(record.get("sbid"));
            if (sid == null || sbid == null) {
                throw new ScopeException(where + " has no source_identifier or sbid");
            }
            ScopeKey key = new ScopeKey(sid, sbid);
            SortedSet<String> identities = cells.computeIfAbsent(key, k -> new TreeSet<>());
            identities.add(checkedIdentity(record, key, where, identities));
        }
        return new DatasetScope(cells);
    }

    /** The scope a manifest ({@code sources[].sbids[].datasets[]}) covers, with the structural checks. */
    public static DatasetScope ofManifest(JsonNode manifest) {
        JsonNode sources = manifest == null ? null : manifest.get("sources");
        if (sources == null || !sources.isArray()) {
            throw new ScopeException("workflow manifest has no sources array");
        }
        TreeMap<ScopeKey, SortedSet<String>> cells = new TreeMap<>();
        int sourceIndex = 0;
        for (JsonNode source : sources) {
            sourceIndex++;
            String sid = text(source.get("source_identifier"));
            if (sid == null) {
                throw new ScopeException("workflow manifest source " + sourceIndex + " has no source_identifier");
            }
            JsonNode sbids = source.get("sbids");
            if (sbids == null || !sbids.isArray()) {
                throw new ScopeException("workflow manifest source '" + sid + "' has no sbids array");
            }
            for (JsonNode entry : sbids) {
                String sbid = sbidText(entry.get("sbid"));
                if (sbid == null) {
                    throw new ScopeException("workflow manifest source '" + sid + "' has an SBID entry without sbid");
                }
                ScopeKey key = new ScopeKey(sid, sbid);
                if (cells.containsKey(key)) {
                    throw new ScopeException("workflow manifest selects " + key + " more than once");
                }
                SortedSet<String> identities = new TreeSet<>();
                cells.put(key, identities);
                JsonNode datasets = entry.get("datasets");
                if (datasets == null || !datasets.isArray() || datasets.isEmpty()) {
                    throw new ScopeException("workflow manifest " + key + " has no datasets");
                }
                int index = 0;
                for (JsonNode dataset : datasets) {
                    index++;
                    identities.add(checkedIdentity(dataset, key, "workflow manifest dataset " + index + " of " + key,
                            identities));
                }
            }
        }
        return new DatasetScope(cells);
    }

    /** Throws unless {@code expected} and {@code actual} cover the same datasets. */
    public static void requireSame(DatasetScope expected, DatasetScope actual, String what) {
        String diff = expected.differenceFrom(actual);
        if (!diff.isEmpty()) {
            throw new ScopeException(what + " differs from the selected dataset scope: " + diff);
        }
    }

    /** {@code dataset_id}, else {@code visibility_filename}, of a dataset that names its parents. */
    private static String checkedIdentity(JsonNode dataset, ScopeKey parent, String where, Set<String> seen) {
        if (dataset == null || !dataset.isObject()) {
            throw new ScopeException(where + " is not an object");
        }
        String sid = text(dataset.get("source_identifier"));
        if (!parent.sourceIdentifier().equals(sid)) {
            throw new ScopeException(where + " has source_identifier " + shown(dataset.get("source_identifier"))
                    + ", expected '" + parent.sourceIdentifier() + "'");
        }
        String sbid = sbidText(dataset.get("sbid"));
        if (!parent.sbid().equals(sbid)) {
            throw new ScopeException(where + " has sbid " + shown(dataset.get("sbid")) + ", expected '" + parent.sbid() + "'");
        }
        String identity = text(dataset.get("dataset_id"));
        if (identity == null) {
            identity = text(dataset.get("visibility_filename"));
        }
        if (identity == null) {
            throw new ScopeException(where + " has no dataset_id or visibility_filename");
        }
        if (seen.contains(identity)) {
            throw new ScopeException("dataset '" + identity + "' of " + parent + " is selected more than once");
        }
        return identity;
    }

    /** A non-empty string, else null. */
    static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** An SBID as stored: a non-empty string, or an integer rendered in decimal. */
    static String sbidText(JsonNode node) {
        if (node != null && node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return text(node);
    }

    private static String shown(JsonNode node) {
        return node == null || node.isNull() ? "none" : node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
    }
}
