package dev.beampipe.model.canonical;

import java.util.Comparator;

/**
 * UTF-8 byte order of strings, which equals code point order. {@link String#compareTo} compares UTF-16
 * code units and puts supplementary characters (surrogates, U+D800..) before U+E000..U+FFFF.
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
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
