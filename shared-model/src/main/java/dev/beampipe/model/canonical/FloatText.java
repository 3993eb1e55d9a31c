package dev.beampipe.model.canonical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text serde_json 1.0.150 writes for a finite {@code f64} (its {@code zmij} formatter): the shortest
 * decimal that reads back as the same double (closest to the exact value when several have that length,
 * ties to an even last digit), in fixed notation when the scientific exponent is in -5..15 (integral values
 * get {@code .0}), otherwise {@code d[.ddd]e±x} with an explicit {@code +} (30-project-config §5.6.3).
 *
 * <p>Java's {@code Double.toString} is no substitute: it differs in thresholds and exponent syntax, is not
 * always shortest before JDK 19, and from JDK 19 on prints two digits where one suffices ({@code 4.9E-324}).
 */
public final class FloatText {

    private FloatText() {
    }

    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite double has no JSON text: " + value);
        }
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        if (value == 0) {
            return negative ? "-0.0" : "0.0";
        }
        Decimal d = shortest(Math.abs(value));
        return (negative ? "-" : "") + layout(d.digits(), d.exponent());
    }

    /** Significant digits without trailing zeros and the exponent e of value = d.ddd × 10^e. */
    record Decimal(String digits, int exponent) {
    }

    static Decimal shortest(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int n = 1; n <= 17; n++) {
            BigDecimal below = exact.round(new MathContext(n, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(n, RoundingMode.CEILING));
            boolean belowOk = readsBackAs(below, abs);
            boolean aboveOk = readsBackAs(above, abs);
            if (belowOk && aboveOk) {
                int cmp = exact.subtract(below).compareTo(above.subtract(exact));
                boolean pickBelow = cmp < 0 || (cmp == 0 && !below.unscaledValue().testBit(0));
                return decimal(pickBelow ? below : above);
            }
            if (belowOk) {
                return decimal(below);
            }
            if (aboveOk) {
                return decimal(above);
            }
        }
        throw new AssertionError("17 significant digits always round-trip: " + abs);
    }

    private static boolean readsBackAs(BigDecimal candidate, double abs) {
        return Double.parseDouble(candidate.toString()) == abs;
    }

    private static Decimal decimal(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int exponent = digits.length() - 1 - stripped.scale();
        return new Decimal(digits, exponent);
    }

    static String layout(String digits, int e) {
        int length = digits.length();
        StringBuilder out = new StringBuilder(24);
        if (e >= -5 && e <= 15) {
            if (length - 1 <= e) {
                out.append(digits).append("0".repeat(e + 1 - length)).append(".0");
            } else if (e >= 0) {
                out.append(digits, 0, e + 1).append('.').append(digits, e + 1, length);
            } else {
                out.append("0.").append("0".repeat(-e - 1)).append(digits);
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (length > 1) {
            out.append('.').append(digits, 1, length);
        }
        return out.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e)).toString();
    }
}
