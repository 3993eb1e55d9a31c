package dev.beampipe.model.config.coords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The hard-coded WALLABY addition to the discovery flags (30-project-config §3.5): from the first row of
 * the {@code ra_dec_vsys} secondary query, {@code ra_string}, {@code dec_string} and {@code vsys}.
 *
 * <ul>
 *   <li>{@code ra_string}: the first present of {@code RAJ2000}, {@code ra_j2000}; numeric → {@link
 *       Sexagesimal#raString} (overwrites a configured flag), otherwise its raw value (only if unset).</li>
 *   <li>{@code dec_string}: the same with {@code DEJ2000}, {@code dec_j2000}.</li>
 *   <li>{@code vsys}: raw value of the first present of {@code RVmom}, {@code RV50max}, {@code RV50min}
 *       (a present empty cell wins); never overwrites.</li>
 * </ul>
 * Column look-ups try the name as written, then lower-case, then upper-case. Numeric = a JSON number or a
 * string in Rust's {@code f64} grammar. Our difference: a non-finite number ({@code inf}, {@code NaN},
 * {@code 1e999}) is treated as not numeric, so its raw value is copied instead of a meaningless text.
 */
public final class RaDecVsysFlags {

    public static final String ENRICHMENT_NAME = "ra_dec_vsys";

    private static final List<String> RA_COLUMNS = List.of("RAJ2000", "ra_j2000");
    private static final List<String> DEC_COLUMNS = List.of("DEJ2000", "dec_j2000");
    private static final List<String> VSYS_COLUMNS = List.of("RVmom", "RV50max", "RV50min");

    private static final Pattern RUST_F64 = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

    private RaDecVsysFlags() {
    }

    /**
     * Returns a copy of {@code flags} with the three derived values applied. {@code raDecVsysRows} is
     * {@code enrichments.ra_dec_vsys}; anything but a non-empty array leaves the flags unchanged.
     */
    public static ObjectNode apply(ObjectNode flags, JsonNode raDecVsysRows) {
        ObjectNode out = flags.deepCopy();
        if (raDecVsysRows == null || !raDecVsysRows.isArray() || raDecVsysRows.isEmpty()) {
            return out;
        }
        JsonNode row = raDecVsysRows.get(0);
        applyCoordinate(out, "ra_string", firstPresent(row, RA_COLUMNS), true);
        applyCoordinate(out, "dec_string", firstPresent(row, DEC_COLUMNS), false);
        firstPresent(row, VSYS_COLUMNS).ifPresent(value -> {
            if (!out.has("vsys")) {
                out.set("vsys", value.deepCopy());
            }
        });
        return out;
    }

    private static void applyCoordinate(ObjectNode out, String key, Optional<JsonNode> value, boolean ra) {
        if (value.isEmpty()) {
            return;
        }
        OptionalDouble degrees = numeric(value.get());
        if (degrees.isPresent()) {
            double d = degrees.getAsDouble();
            out.put(key, ra ? Sexagesimal.raString(d) : Sexagesimal.decString(d));
        } else if (!out.has(key)) {
            out.set(key, value.get().deepCopy());
        }
    }

    static OptionalDouble numeric(JsonNode value) {
        double d;
        if (value.isNumber()) {
            d = value.doubleValue();
        } else if (value.isTextual() && RUST_F64.matcher(value.textValue()).matches()) {
            d = parse(value.textValue());
        } else {
            return OptionalDouble.empty();
        }
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    private static double parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.startsWith("inf") || unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }

    /** The value of the first column present in the row (JSON null counts as present). */
    static Optional<JsonNode> firstPresent(JsonNode row, List<String> columns) {
        if (row == null || !row.isObject()) {
            return Optional.empty();
        }
        for (String column : columns) {
            for (String candidate : List.of(column, column.toLowerCase(Locale.ROOT), column.toUpperCase(Locale.ROOT))) {
                if (row.has(candidate)) {
                    return Optional.of(row.get(candidate));
                }
            }
        }
        return Optional.empty();
    }
}
