package dev.beampipe.model.config.yaml;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * serde_json float text (shortest round-trip digits, fixed notation for decimal exponents −5…15 with a
 * trailing {@code .0} for integral values, else {@code d.ddde±x}). Used here only for float mapping keys;
 * error messages use it too; the canonical writer owns the hashed form.
 */
public final class FloatText {

    private FloatText() {
    }

    public static String of(double value) {
        if (!Double.isFinite(value)) {
            return value > 0 ? "inf" : value < 0 ? "-inf" : "NaN";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal decimal = shortest(value);
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -5 && exponent <= 15) {
            String plain = decimal.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
    }

    /** Fewest significant digits that read back as the same double (Java 17's Double.toString is not shortest). */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
