package dev.beampipe.model.config.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.canonical.Utf8Order;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The {@code select_eval_file_by_size} kind (30-project-config §4.3): the calibration archive of an SBID's
 * evaluation files. A row is valid when {@code format} is {@code calibration} (ASCII case-insensitive), its
 * file name ({@code filename}, else {@code file_name}) starts {@code calibration-metadata-processing-logs-SB}
 * and ends {@code .tar}, {@code access_url} is non-blank and it has a non-negative size. The largest size
 * wins, ties go to the greatest file name (byte order). Keys are looked up as written, then upper-case.
 */
public final class EvalFileSelection {

    private static final String PREFIX = "calibration-metadata-processing-logs-SB";
    private static final String SUFFIX = ".tar";
    private static final List<String> SIZE_KEYS = List.of("filesize", "file_size", "access_estsize", "size");
    /** Larger size first, then the greater file name (byte order): {@code max} under it is the winner. */
    public static final Comparator<Candidate> BEST = Comparator.comparingLong(Candidate::size)
            .thenComparing(Candidate::filename, Utf8Order.COMPARATOR);

    private EvalFileSelection() {
    }

    /** A valid calibration archive row: its file name and byte size. */
    public record Candidate(String filename, long size) {
    }

    static Optional<JsonNode> select(JsonNode input) {
        if (input == null) {
            return Optional.empty();
        }
        Optional<Candidate> best;
        if (input.isObject()) {
            best = candidate(input);
        } else if (input.isArray()) {
            best = StreamSupport.stream(input.spliterator(), false)
                    .map(EvalFileSelection::candidate)
                    .flatMap(Optional::stream)
                    .max(BEST);
        } else {
            best = Optional.empty();
        }
        return best.map(c -> TextNode.valueOf(c.filename()));
    }

    /** The row as a valid calibration archive, or empty when it is not one (the rules above). */
    public static Optional<Candidate> candidate(JsonNode row) {
        if (!row.isObject()) {
            return Optional.empty();
        }
        JsonNode format = lookup(row, "format");
        if (format == null || !format.isTextual() || !Coercion.asciiEqualsIgnoreCase(format.textValue(), "calibration")) {
            return Optional.empty();
        }
        String filename = text(lookup(row, "filename"));
        if (filename == null) {
            filename = text(lookup(row, "file_name"));
        }
        if (filename == null || !filename.startsWith(PREFIX) || !filename.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String accessUrl = text(lookup(row, "access_url"));
        if (accessUrl == null || Coercion.isBlank(accessUrl)) {
            return Optional.empty();
        }
        for (String key : SIZE_KEYS) {
            Optional<Long> size = size(lookup(row, key));
            if (size.isPresent()) {
                return size.get() < 0 ? Optional.empty() : Optional.of(new Candidate(filename, size.get()));
            }
        }
        return Optional.empty();
    }

    /** u64 beyond i64 clamped; floats truncated (saturating); a string only as an ASCII i64. */
    static Optional<Long> size(JsonNode v) {
        if (v == null) {
            return Optional.empty();
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                return Optional.of(v.longValue());
            }
            return Optional.of(v.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        if (v.isNumber()) {
            return Optional.of((long) v.doubleValue());
        }
        if (v.isTextual() && v.textValue().matches("[+-]?[0-9]+")) {
            try {
                return Optional.of(Long.parseLong(v.textValue()));
            } catch (NumberFormatException overflow) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static JsonNode lookup(JsonNode row, String key) {
        JsonNode v = row.get(key);
        if (v == null || v.isNull()) {
            v = row.get(Coercion.asciiUppercase(key));
        }
        return v == null || v.isNull() ? null : v;
    }

    private static String text(JsonNode v) {
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
