package dev.beampipe.model.config.coords;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rust's {@code Display} for {@code f64}: the shortest digits that round-trip, always in plain notation
 * (no exponent), no trailing {@code .0}, {@code -0} for negative zero. Java 17's {@link Double#toString}
 * is neither plain nor always shortest, so the digits are searched explicitly.
 */
public final class RustFloatText {

    private RustFloatText() {
    }

    public static String display(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return 1.0 / value < 0 ? "-0" : "0";
        }
        return shortest(value).stripTrailingZeros().toPlainString();
    }

    /** The shortest decimal that parses back to {@code value} (finite, non-zero). */
    public static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        // The nearest p-digit decimal is the only p-digit candidate that can round-trip.
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
