package dev.beampipe.worker.discovery.tap;

import dev.beampipe.model.canonical.FloatText;

import java.lang.reflect.Array;

/**
 * The string form of one VOTable cell as STIL decodes it, the same whatever the serialization: TABLEDATA
 * text and BINARY/BINARY2 bytes of one value give one string. Null (an empty TD, a {@code VALUES@null}
 * sentinel, a BINARY2 null bit, NaN) → {@code ""}. Integers are plain digits; floating-point values use
 * the shortest round-trip text of the project's canonical JSON ({@code 2505.3}, {@code 60.0},
 * {@code 1e+20}); a {@code float} is printed from its own shortest digits, not widened ({@code 0.1}, not
 * {@code 0.10000000149011612}). Booleans → {@code true}/{@code false}; arrays → elements joined by one
 * space, as TABLEDATA writes them.
 */
public final class CellText {

    private CellText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? FloatText.format(d) : nonFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? FloatText.format(Double.parseDouble(Float.toString(f))) : nonFinite(f);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Character c) {
            return c == '\0' ? "" : c.toString();
        }
        if (value.getClass().isArray()) {
            return array(value);
        }
        return value.toString();
    }

    private static String nonFinite(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        return d > 0 ? "+Inf" : "-Inf";
    }

    private static String array(Object value) {
        int n = Array.getLength(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(' ');
            }
            Object element = Array.get(value, i);
            // NaN elements keep their place in an array, written as TABLEDATA writes them
            if (element instanceof Double d && d.isNaN() || element instanceof Float f && f.isNaN()) {
                out.append("NaN");
            } else {
                out.append(of(element));
            }
        }
        return out.toString();
    }
}
