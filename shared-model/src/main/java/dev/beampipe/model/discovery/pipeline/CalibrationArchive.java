package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.transform.Coercion;
import dev.beampipe.model.config.transform.EvalFileSelection;
import java.util.List;
import java.util.Optional;

/**
 * The per-SBID row of the {@code sbid_to_eval_file} enrichment (30-project-config §3.3): among the rows whose
 * file name is {@code calibration-metadata-processing-logs-SB<sbid>_….tar}, the valid calibration archive
 * chosen as {@code select_eval_file_by_size} does (largest size, ties → greatest name). None is an error, and
 * so is a winning file name carried by more than one {@code calibration} row (ambiguous).
 */
final class CalibrationArchive {

    static final String ENRICHMENT_NAME = "sbid_to_eval_file";

    private static final String PREFIX = "calibration-metadata-processing-logs-SB";

    private CalibrationArchive() {
    }

    static ObjectNode select(String sbid, List<ObjectNode> rows) throws SourceFailure {
        String prefix = PREFIX + sbid + "_";
        ObjectNode best = null;
        EvalFileSelection.Candidate bestCandidate = null;
        for (ObjectNode row : rows) {
            Optional<EvalFileSelection.Candidate> candidate = EvalFileSelection.candidate(row)
                    .filter(c -> c.filename().startsWith(prefix) && c.filename().endsWith(".tar"));
            if (candidate.isPresent()
                    && (bestCandidate == null || EvalFileSelection.BEST.compare(candidate.get(), bestCandidate) > 0)) {
                best = row;
                bestCandidate = candidate.get();
            }
        }
        if (best == null) {
            throw SourceFailure.error("SBID " + sbid + " has no valid calibration metadata archive");
        }
        String winner = bestCandidate.filename();
        long sameName = rows.stream().filter(row -> winner.equals(fileName(row)) && isCalibration(row)).count();
        if (sameName > 1) {
            throw SourceFailure.error("SBID " + sbid + " has duplicate calibration metadata archive rows for " + winner);
        }
        return best;
    }

    private static String fileName(JsonNode row) {
        JsonNode name = Columns.get(row, "filename").filter(JsonNode::isTextual)
                .or(() -> Columns.get(row, "file_name").filter(JsonNode::isTextual))
                .orElse(null);
        return name == null ? null : name.textValue();
    }

    private static boolean isCalibration(JsonNode row) {
        return Columns.get(row, "format")
                .filter(JsonNode::isTextual)
                .map(f -> Coercion.asciiEqualsIgnoreCase(f.textValue(), "calibration"))
                .orElse(false);
    }
}
