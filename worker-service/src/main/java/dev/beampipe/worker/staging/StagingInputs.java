package dev.beampipe.worker.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure rules over the records to stage (40-backends §5.11 steps 2, 4 and 6): evaluation validation with the
 * reference's messages, per-SBID batches, scan ids and dataset names.
 */
public final class StagingInputs {

    private static final Pattern SCAN = Pattern.compile("scan-(\\d+)-");

    private StagingInputs() {
    }

    /**
     * Validates the evaluation inputs of every record before anything touches the network and returns the archive
     * per SBID (in first-seen order).
     */
    public static Map<String, EvaluationArchive> evaluationArchives(List<ObjectNode> records)
            throws CasdaStagingException {
        for (int i = 0; i < records.size(); i++) {
            JsonNode sbid = records.get(i).get("sbid");
            if (sbid == null || !sbid.isTextual() || sbid.asText().isBlank()) {
                throw invalid("CASDA staging record " + (i + 1) + " has no string sbid");
            }
        }
        boolean any = records.stream().anyMatch(r -> present(r, "evaluation_file") || present(r, "evaluation_file_access_url"));
        if (!any) {
            throw invalid("no calibration evaluation archives in CASDA staging metadata");
        }
        Map<String, EvaluationArchive> bySbid = new LinkedHashMap<>();
        for (ObjectNode record : records) {
            String sbid = record.get("sbid").asText().strip();
            String file = text(record, "evaluation_file");
            if (file.isEmpty() || !file.startsWith("calibration-metadata-processing-logs-SB" + sbid + "_")
                    || !file.endsWith(".tar")) {
                throw invalid("SBID " + sbid + " evaluation_file is not a calibration metadata archive");
            }
            String url = text(record, "evaluation_file_access_url");
            if (url.isEmpty()) {
                throw invalid("SBID " + sbid + " is missing evaluation_file_access_url");
            }
            EvaluationArchive archive = new EvaluationArchive(sbid, file, url);
            EvaluationArchive seen = bySbid.putIfAbsent(sbid, archive);
            if (seen != null && !seen.equals(archive)) {
                throw invalid("SBID " + sbid + " has inconsistent evaluation staging metadata");
            }
        }
        return bySbid;
    }

    /**
     * Visibility batches: per SBID ordered by numeric SBID (non-numeric last, then by text), or one {@code combined}
     * batch; records keep their order inside a batch.
     */
    public static Map<String, List<ObjectNode>> batches(List<ObjectNode> records, boolean bySbid) {
        if (!bySbid) {
            return Map.of("combined", List.copyOf(records));
        }
        Map<String, List<ObjectNode>> grouped = new LinkedHashMap<>();
        for (ObjectNode record : records) {
            String sbid = text(record, "sbid");
            grouped.computeIfAbsent(sbid.isEmpty() ? "unknown" : sbid, k -> new ArrayList<>()).add(record);
        }
        Map<String, List<ObjectNode>> ordered = new LinkedHashMap<>();
        grouped.keySet().stream().sorted(SBID_ORDER).forEach(k -> ordered.put(k, grouped.get(k)));
        return ordered;
    }

    static final Comparator<String> SBID_ORDER = Comparator
            .comparing((String s) -> numeric(s).isEmpty())
            .thenComparing(s -> numeric(s).orElse(0L))
            .thenComparing(Comparator.naturalOrder());

    private static Optional<Long> numeric(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The unique non-empty {@code access_url} values in record order. */
    public static List<String> accessUrls(List<ObjectNode> records) {
        return records.stream().map(r -> text(r, "access_url")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Digits between {@code scan-} and the next {@code -} of {@code scan_id}, else its raw value, else of {@code obs_publisher_did}. */
    public static String scanId(ObjectNode record) {
        String raw = text(record, "scan_id");
        if (!raw.isEmpty()) {
            return extractScanId(raw).orElse(raw);
        }
        return extractScanId(text(record, "obs_publisher_did")).orElse("");
    }

    static Optional<String> extractScanId(String text) {
        Matcher m = SCAN.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code dataset_id} | {@code name} | {@code visibility_filename} | {@code filename}. */
    public static String datasetName(ObjectNode record) {
        for (String key : List.of("dataset_id", "name", "visibility_filename", "filename")) {
            String value = text(record, key);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    static String text(ObjectNode record, String key) {
        JsonNode node = record.get(key);
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText().strip();
    }

    private static boolean present(ObjectNode record, String key) {
        return !Objects.requireNonNullElse(text(record, key), "").isEmpty();
    }

    private static CasdaStagingException invalid(String message) {
        return new CasdaStagingException(StagingFailureKind.INVALID_INPUT, message);
    }
}
