package dev.beampipe.model.config.coords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SexagesimalTest {

    @ParameterizedTest(name = "RA {0}° → {1}")
    @CsvSource({
        // the reference's own examples (§3.5, §7.1), unaffected by the fixes: byte-identical
        "199.3696, 13h17m28.7s",
        "0, 0h0m0s",
        "15, 1h0m0s",
        "187.5, 12h30m0s",
        "10.5, 0h42m0s",
        "360, 24h0m0s",
        "12.3456789, 0h49m22.96s",
        // fixed: seconds rounding to 60 carry (reference: 13h16m60s, 23h59m60s)
        "199.25, 13h17m0s",
        "359.99999, 24h0m0s",
        // fixed: negative RA keeps one sign (reference: -1h-30m0s)
        "-22.5, -1h30m0s",
        "-0.000001, 0h0m0s"})
    void raString(double degrees, String expected) {
        assertThat(Sexagesimal.raString(degrees)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Dec {0}° → {1}")
    @CsvSource({
        // the reference's own examples, unaffected: byte-identical
        "-16.6242, -16.37.27.12",
        "45, 45.0.0",
        "-45.25, -45.15.0",
        "89.99999, 89.59.59.96",
        "0, 0.0.0",
        "-1, -1.0.0",
        // fixed: sign kept for -1° < dec < 0° (reference: 0.30.0)
        "-0.5, -0.30.0",
        "-0.01, -0.0.36",
        // fixed: carry (reference: -15.26.60)
        "-15.45, -15.27.0",
        // rounds to zero: no sign
        "-0.000001, 0.0.0"})
    void decString(double degrees, String expected) {
        assertThat(Sexagesimal.decString(degrees)).isEqualTo(expected);
    }

    @Test
    void secondsOf59point9999CarryIntoTheNextMinuteAndDegree() {
        double dec = 10 + 59 / 60.0 + 59.9999 / 3600.0;
        assertThat(Sexagesimal.decString(dec)).isEqualTo("11.0.0");
        assertThat(Sexagesimal.decString(-dec)).isEqualTo("-11.0.0");
        double decMinute = 10 + 30 / 60.0 + 59.9999 / 3600.0;
        assertThat(Sexagesimal.decString(decMinute)).isEqualTo("10.31.0");
        double raHours = 5 + 59 / 60.0 + 59.9999 / 3600.0;
        assertThat(Sexagesimal.raString(raHours * 15.0)).isEqualTo("6h0m0s");
    }

    @Test
    void unaffectedValuesMatchTheReferenceFormula() {
        for (double deg = -89.9; deg < 90; deg += 0.6173) {
            if (deg > -1 && deg < 0) {
                continue;
            }
            String reference = ReferenceFormula.dec(deg);
            if (!reference.endsWith(".60")) {
                assertThat(Sexagesimal.decString(deg)).as("dec %s", deg).isEqualTo(reference);
            }
        }
        for (double deg = 0; deg < 360; deg += 0.7919) {
            String reference = ReferenceFormula.ra(deg);
            if (!reference.contains("m60s")) {
                assertThat(Sexagesimal.raString(deg)).as("ra %s", deg).isEqualTo(reference);
            }
        }
    }

    @Test
    void nonFiniteIsRefused() {
        assertThatThrownBy(() -> Sexagesimal.raString(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sexagesimal.decString(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"2.5, 3", "-2.5, -3", "0.49999999999999994, 0", "2870.4, 2870", "-0.4, -0", "1.5, 2"})
    void roundsHalfAwayFromZero(double in, double out) {
        assertThat(Sexagesimal.roundHalfAwayFromZero(in)).isEqualTo(out);
    }

    /** The reference's arithmetic verbatim (defects included), to prove unaffected values are identical. */
    private static final class ReferenceFormula {

        static String ra(double deg) {
            double hours = deg / 15.0;
            double h = trunc(hours);
            double frac = hours - h;
            double m = trunc(frac * 60.0);
            double s = Sexagesimal.roundHalfAwayFromZero((frac - m / 60.0) * 3600.0 * 100.0) / 100.0;
            return (long) h + "h" + (long) m + "m" + RustFloatText.display(s) + "s";
        }

        static String dec(double deg) {
            double d = trunc(deg);
            double frac = Math.abs(deg - d);
            double m = trunc(frac * 60.0);
            double s = Sexagesimal.roundHalfAwayFromZero((frac - m / 60.0) * 3600.0 * 100.0) / 100.0;
            return (long) d + "." + (long) m + "." + RustFloatText.display(s);
        }

        private static double trunc(double x) {
            return x < 0 ? Math.ceil(x) : Math.floor(x);
        }
    }
}
