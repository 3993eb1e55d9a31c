package dev.beampipe.model.config.yaml;

import java.util.Comparator;

/**
 * UTF-8 byte order of strings, which equals code point order. Java's {@link String#compareTo} compares UTF-16
 * units and differs for supplementary characters, so the reference's sorted maps need this comparator.
 */
public final class Utf8Order {

    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
