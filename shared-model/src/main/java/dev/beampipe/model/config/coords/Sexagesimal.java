package dev.beampipe.model.config.coords;

/**
 * The {@code ra_string} / {@code dec_string} texts of 30-project-config §3.5, with our §10 decision applied.
 *
 * <p>Arithmetic as in the reference: truncation toward zero for the whole and minute parts, seconds =
 * round-half-away-from-zero(remainder · 3600 · 100) / 100, printed with Rust's f64 {@code Display}; so every
 * value the reference formats correctly comes out byte-identical. Fixed (reference defects): the sign is
 * carried explicitly, so −1° &lt; dec &lt; 0° keeps its {@code -}; seconds that round to 60 carry into the
 * minutes (and minutes into the whole part); a negative RA reads {@code -1h30m0s} rather than
 * {@code -1h-30m0s}; a result that rounds to zero gets no sign; no {@code -0} seconds.
 * RA is not wrapped: 359.99999° gives {@code 24h0m0s} (the reference already prints 24h for 360°).
 */
public final class Sexagesimal {

    private Sexagesimal() {
    }

    /** {@code "{h}h{m}m{s}s"} with hours = degrees / 15. */
    public static String raString(double degrees) {
        requireFinite(degrees);
        Parts parts = Parts.of(degrees / 15.0);
        return parts.sign() + parts.whole() + "h" + parts.minutes() + "m" + RustFloatText.display(parts.seconds()) + "s";
    }

    /** {@code "{d}.{m}.{s}"}. */
    public static String decString(double degrees) {
        requireFinite(degrees);
        Parts parts = Parts.of(degrees);
        return parts.sign() + parts.whole() + "." + parts.minutes() + "." + RustFloatText.display(parts.seconds());
    }

    private static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("coordinate is not a finite number: " + value);
        }
    }

    private record Parts(boolean negative, long whole, long minutes, double seconds) {

        static Parts of(double value) {
            double magnitude = Math.abs(value);
            double whole = Math.floor(magnitude);
            double fraction = magnitude - whole;
            double minutes = Math.floor(fraction * 60.0);
            double seconds = roundHalfAwayFromZero((fraction - minutes / 60.0) * 3600.0 * 100.0) / 100.0;
            long w = (long) whole;
            long m = (long) minutes;
            if (seconds <= 0.0) {
                seconds = 0.0;
            }
            if (seconds >= 60.0) {
                seconds -= 60.0;
                m += 1;
            }
            if (m >= 60) {
                m -= 60;
                w += 1;
            }
            boolean negative = value < 0 && (w != 0 || m != 0 || seconds != 0.0);
            return new Parts(negative, w, m, seconds);
        }

        String sign() {
            return negative ? "-" : "";
        }
    }

    /** Rust's {@code f64::round}; {@link Math#round} rounds halves up, not away from zero. */
    static double roundHalfAwayFromZero(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double magnitude = Math.abs(x);
        double floor = Math.floor(magnitude);
        double rounded = magnitude - floor >= 0.5 ? floor + 1.0 : floor;
        return Math.copySign(rounded, x);
    }
}
